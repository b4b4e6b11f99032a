using Microsoft.EntityFrameworkCore;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox;

/// <summary>A message to put in the outbox.</summary>
/// <param name="Recipient">The resident it is for.</param>
/// <param name="Kind">What kind of message (safe to log), e.g. "Påminnelse".</param>
/// <param name="Subject">Subject line (e-mail) and heading (Utkorg). No health details.</param>
/// <param name="Body">The text. No health details: date, time, "logga in i Nära för detaljer", how to cancel.</param>
/// <param name="SendAt">When to send it (now or later).</param>
/// <param name="Reference">What it is about, so it can be withdrawn (e.g. <c>booking:{appointment id}</c>).</param>
/// <param name="Channel">A channel, or null for the resident's preferred one.</param>
public sealed record NewMessage(ResidentId Recipient, string Kind, string Subject, string Body, DateTimeOffset SendAt, string? Reference = null, MessageChannel? Channel = null);

/// <summary>
/// Writes messages through the caller's DbContext, so they commit or roll back with the caller's change: a command that
/// fails sends nothing, and a command that commits cannot lose its message. The dispatcher sends them after commit.
/// Inside the caller's transaction a message is added, not saved at once: it goes with the command's next save.
/// </summary>
public interface IOutbox
{
    Task EnqueueAsync(NewMessage message, CancellationToken ct);

    /// <summary>Withdraws the pending messages with this reference (and kind, if given); returns how many.</summary>
    Task<int> WithdrawAsync(string reference, string? kind, CancellationToken ct);
}

[NoAccessCheck("Writes the messages a use case enqueues, in its transaction; that use case has checked its access.")]
public sealed class Outbox(NaraDbContext db, TimeProvider time, OutboxSchedule schedule) : IOutbox
{
    public async Task EnqueueAsync(NewMessage message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sendAt = message.SendAt < now ? now : message.SendAt;
        db.Add(new OutboxMessage
        {
            Recipient = message.Recipient,
            Kind = message.Kind,
            Subject = message.Subject,
            Body = message.Body,
            Reference = message.Reference,
            RequestedChannel = message.Channel,
            CreatedAt = now,
            SendAt = sendAt.ToUniversalTime(),
            NextAttemptAt = sendAt.ToUniversalTime(),
        });
        schedule.Wake();
        // In a command's transaction the message is saved with the command's other writes (its next save, or at the
        // latest just before it commits: SaveBeforeCommit), as it is when the command collects its writes for one batch;
        // alone, it is saved now.
        if (!db.CollectsWrites)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    public Task<int> WithdrawAsync(string reference, string? kind, CancellationToken ct) =>
        db.Set<OutboxMessage>()
            .Where(m => m.Reference == reference && m.Status == OutboxStatus.Pending && (kind == null || m.Kind == kind))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Withdrawn), ct);
}
