using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Access;
using Nara.Platform.Composition;
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
[NoAccessCheck("Retention: deletes old sent messages in the background; reads no one's message.")]
public sealed class PruneOutbox(NaraDbContext db, OutboxOptions options, TimeProvider time) : IFeature
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
