using Nara.Platform.Persistence;

namespace Nara.Platform.Access;

/// <summary>
/// Group commit for audit events written outside a transaction (every read of a resident's data writes one).
/// The caller's request does not continue until its event is committed, so no access goes unlogged; but when many
/// requests log at once, one of them (the leader) commits all waiting events in a single transaction instead of one
/// transaction each. Under no load it is one event per transaction, as before.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes)
{
    private const int MaxBatch = 256;
    private readonly Lock _gate = new();
    private readonly List<(AuditEvent Event, TaskCompletionSource Done)> _queue = [];
    private bool _flushing;

    /// <summary>Returns when the event is committed. Not cancellable: once queued the event is written, and the caller must not carry on as if it was not.</summary>
    public async Task WriteAsync(AuditEvent auditEvent)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            _queue.Add((auditEvent, done));
            lead = !_flushing;
            _flushing = true;
        }
        if (lead)
        {
            await FlushAsync();
        }
        await done.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<(AuditEvent Event, TaskCompletionSource Done)> batch;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _flushing = false;
                    return;
                }
                batch = _queue.Take(MaxBatch).ToList();
                _queue.RemoveRange(0, batch.Count);
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
                db.AddRange(batch.Select(b => b.Event));
                await db.SaveChangesAsync(CancellationToken.None);
                foreach (var b in batch)
                {
                    b.Done.SetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var b in batch)
                {
                    b.Done.SetException(ex);
                }
            }
        }
    }
}
