using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access;

/// <summary>
/// Group commit for audit events written outside a transaction (every read of a resident's data writes one).
/// The caller's request does not continue until its event is committed, so no access goes unlogged; but when many
/// requests log at once, one of them (the leader) commits all waiting events in a single transaction instead of one
/// transaction each. Under no load it is one event per transaction, as before.
/// The writer keeps one connection open with the INSERT prepared on it, so a commit costs the rows and the commit
/// itself, not a connection checkout and a statement parse; after any failure it starts over with a fresh connection.
/// </summary>
[NoAccessCheck("Writes the audit log itself.")]
public sealed class AuditWriter(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Lock _gate = new();
    private readonly List<(AuditEvent Event, TaskCompletionSource Done)> _queue = [];
    private bool _flushing;
    private bool _disposed;

    // Used only by the leader, and there is at most one leader at a time (_flushing).
    private AsyncServiceScope? _scope;
    private NaraDbContext? _db;
    private DbCommand? _insert;

    /// <summary>Returns when the event is committed. Not cancellable: once queued the event is written, and the caller must not carry on as if it was not.</summary>
    public Task WriteAsync(AuditEvent auditEvent) => WriteAsync([auditEvent]);

    /// <summary>
    /// Several events (the hits of one search, the rows of one list) queued together, so that they commit in one
    /// transaction with whatever else is waiting: one round of commits for the page, not one per row. Returns when all are
    /// committed.
    /// </summary>
    public async Task WriteAsync(IReadOnlyCollection<AuditEvent> auditEvents)
    {
        if (auditEvents.Count == 0)
        {
            return;
        }
        var waits = new List<Task>(auditEvents.Count);
        bool lead;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            foreach (var auditEvent in auditEvents)
            {
                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queue.Add((auditEvent, done));
                waits.Add(done.Task);
            }
            lead = !_flushing;
            _flushing = true;
        }
        if (lead)
        {
            await FlushAsync();
        }
        await Task.WhenAll(waits);
    }

    private async Task<(NaraDbContext Db, DbCommand Insert)> ConnectAsync()
    {
        if (_db is { } db && _insert is { } insert)
        {
            return (db, insert);
        }
        _scope = scopes.CreateAsyncScope();
        db = _scope.Value.ServiceProvider.GetRequiredService<NaraDbContext>();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        insert = db.Database.GetDbConnection().CreateCommand();
        if (!db.Database.IsNpgsql())
        {
            ModelTable.For<AuditEvent>(db).PrepareSingleInsert(insert);
        }
        _db = db;
        _insert = insert;
        return (db, insert);
    }

    private async Task DisconnectAsync()
    {
        if (_insert is { } insert)
        {
            await insert.DisposeAsync();
        }
        if (_db is { } db)
        {
            await db.Database.CloseConnectionAsync();
        }
        if (_scope is { } scope)
        {
            await scope.DisposeAsync();
        }
        (_insert, _db, _scope) = (null, null, null);
    }

    // One transaction per batch without change tracking: on this path EF's SaveChanges cost several times the SQL it
    // sent. On PostgreSQL the whole batch is one prepared INSERT of arrays (one statement and one round trip however many
    // events); on SQLite, in process with no round trips, the prepared single-row INSERT executed per event. Store-generated
    // ids are not read back; nobody uses them.
    private async Task InsertAsync(IReadOnlyList<AuditEvent> events)
    {
        var (db, insert) = await ConnectAsync();
        var table = ModelTable.For<AuditEvent>(db);
        await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync(CancellationToken.None);
        insert.Transaction = transaction;
        if (db.Database.IsNpgsql())
        {
            table.PrepareArrayInsert(insert, events);
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
        }
        else
        {
            foreach (var auditEvent in events)
            {
                table.BindInsert(insert, auditEvent);
                await insert.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
        insert.Transaction = null;
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
                await InsertAsync(batch.Select(b => b.Event).ToList());
                foreach (var b in batch)
                {
                    b.Done.SetResult();
                }
            }
            catch (Exception ex)
            {
                // The connection may be broken (a restarted server): the next batch starts on a fresh one.
                try
                {
                    await DisconnectAsync();
                }
                catch (Exception)
                {
                    // Already failing; the waiting callers get the original error below.
                    (_insert, _db, _scope) = (null, null, null);
                }
                foreach (var b in batch)
                {
                    b.Done.SetException(ex);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        bool idle;
        lock (_gate)
        {
            _disposed = true;
            idle = !_flushing;
        }
        if (idle)
        {
            await DisconnectAsync();
        }
    }
}
