using Microsoft.EntityFrameworkCore;
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

    // One multi-row INSERT (one statement, so one transaction) without change tracking: on this path EF's SaveChanges
    // cost several times the SQL it sent. The events' store-generated ids are not read back; nobody uses them here.
    private static async Task InsertAsync(NaraDbContext db, IReadOnlyList<AuditEvent> events)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            ModelTable.For<AuditEvent>(db).PrepareInsert(command, events);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
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
                await InsertAsync(db, batch.Select(b => b.Event).ToList());
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
