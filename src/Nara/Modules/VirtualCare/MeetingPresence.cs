using System.Collections.Concurrent;

namespace Nara.Modules.VirtualCare;

/// <summary>
/// Which connection holds each side of a meeting, so that a meeting has exactly two parties on the hub: the resident's
/// side and the admitting clinician. A second window of the same side takes over and the first is let go. Kept in the
/// app process: with several app nodes this moves to the shared backplane (see the README).
/// </summary>
public sealed class MeetingPresence
{
    private readonly ConcurrentDictionary<(Guid Meeting, MeetingRole Side), string> _holders = new();

    /// <summary>Makes the connection the holder of its side and returns the connection it replaced, if any.</summary>
    public string? Take(Guid meeting, MeetingRole side, string connectionId)
    {
        string? previous = null;
        _holders.AddOrUpdate((meeting, side), connectionId, (_, old) =>
        {
            previous = old == connectionId ? null : old;
            return connectionId;
        });
        return previous;
    }

    public bool Holds(Guid meeting, MeetingRole side, string connectionId) =>
        _holders.TryGetValue((meeting, side), out var holder) && holder == connectionId;

    public void Release(string connectionId)
    {
        foreach (var entry in _holders.Where(e => e.Value == connectionId).ToList())
        {
            _holders.TryRemove(entry);
        }
    }
}
