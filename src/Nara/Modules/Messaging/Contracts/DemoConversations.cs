using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Messaging.Contracts;

/// <summary>One message of a demo conversation: written by staff (<paramref name="Staff"/>) or by the person (null), and when.</summary>
/// <param name="At">When it was written.</param>
/// <param name="Staff">The member of staff who wrote it; null when the person did.</param>
/// <param name="Text">What was written.</param>
/// <param name="Read">Whether the other side has read it.</param>
public sealed record DemoLine(DateTimeOffset At, StaffId? Staff, string Text, bool Read = true);

/// <summary>
/// A demo conversation that belongs to another module's record (a self-help programme's), written through Messaging so
/// that its thread is Messaging's own rows, with who waits for an answer worked out as Messaging does.
/// </summary>
public sealed record DemoConversation(ThreadId Id, ResidentId Resident, UnitId Unit, string Topic, ThreadOrigin Origin, IReadOnlyList<DemoLine> Lines);

/// <summary>Writes other modules' demo conversations (ADR 0003), for their demo seeders.</summary>
public interface IDemoConversations
{
    /// <summary>Writes the threads and their messages with the region's bulk writer.</summary>
    Task WriteAsync(IDemoRegion region, IReadOnlyList<DemoConversation> conversations, CancellationToken ct);
}
