using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Hosting;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox.Features;

/// <summary>
/// Retention: deletes sent and withdrawn messages older than <see cref="OutboxOptions.RetentionDays"/>, so the outbox
/// keeps a resident's messages (personal data) only as long as the Utkorg shows them, and the table stops growing.
/// Pending and failed messages are never deleted. A sent message counts from <see cref="OutboxMessage.SentAt"/>. A
/// withdrawal is not timed, so a withdrawn message counts from <see cref="OutboxMessage.NextAttemptAt"/>, the time it
/// would have been sent: only pending messages are withdrawn (mostly reminders before their time, or a message waiting
/// for a retry), so this is at or after the withdrawal, give or take a poll, and a withdrawn message is not pruned early.
/// </summary>
public sealed class PruneOutbox(NaraDbContext db, OutboxOptions options, TimeProvider time)
{
    /// <summary>Deletes in batches of <see cref="OutboxOptions.PruneBatchSize"/> rows; returns how many went.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Retention;
        // A sent message was sent at or after its last planned attempt (the dispatcher claims only due rows), so the
        // condition on NextAttemptAt never keeps one that is old by SentAt, and it lets the (Status, NextAttemptAt) index
        // find the candidates instead of a scan of every sent message.
        var deleted = await DeleteAsync(m => m.Status == OutboxStatus.Sent && m.NextAttemptAt < cutoff && (m.SentAt == null || m.SentAt < cutoff), ct);
        deleted += await DeleteAsync(m => m.Status == OutboxStatus.Withdrawn && m.NextAttemptAt < cutoff, ct);
        return deleted;
    }

    /// <summary>One DELETE … WHERE id IN (the oldest matching ids, LIMIT batch) at a time, until a batch is not full.</summary>
    private async Task<int> DeleteAsync(Expression<Func<OutboxMessage, bool>> expired, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = db.Set<OutboxMessage>().Where(expired).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .Select(m => m.Id).Take(options.PruneBatchSize);
            var count = await db.Set<OutboxMessage>().Where(m => batch.Contains(m.Id)).ExecuteDeleteAsync(ct);
            deleted += count;
            if (count < options.PruneBatchSize)
            {
                return deleted;
            }
        }
    }
}

/// <summary>
/// Runs <see cref="PruneOutbox"/> once the start is done and then every <see cref="OutboxOptions.PruneInterval"/> (an
/// hour), in the processes that run the dispatcher (<c>Nara:Notifications:Dispatcher:Enabled</c>).
/// </summary>
public sealed partial class OutboxRetentionService(IServiceScopeFactory scopes, OutboxOptions options, TimeProvider time, StartupGate gate, ILogger<OutboxRetentionService> log)
    : PeriodicService(gate, time)
{
    protected override TimeSpan Interval => options.PruneInterval;

    protected override bool Enabled => options.DispatcherEnabled;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<PruneOutbox>().RunAsync(ct);
        Pruned(log, deleted, options.RetentionDays);
    }

    // The database may be briefly unavailable; the next run catches up. Only the type: no personal data.
    protected override void OnFailed(Exception ex) => PruneFailed(log, ex.GetType().Name);

    [LoggerMessage(LogLevel.Information, "Outbox retention deleted {Count} sent or withdrawn messages older than {RetentionDays} days")]
    private static partial void Pruned(ILogger logger, int count, int retentionDays);

    [LoggerMessage(LogLevel.Warning, "Outbox retention failed ({Error}); trying again at the next run")]
    private static partial void PruneFailed(ILogger logger, string error);
}
