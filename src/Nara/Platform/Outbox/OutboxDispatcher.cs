using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox;

/// <summary>Bound from <c>Nara:Notifications</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the background dispatcher in this process (tests drive <see cref="OutboxDispatcher.DispatchDueAsync"/> directly instead).</summary>
    public bool DispatcherEnabled { get; init; } = true;
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Attempts before a message is marked failed for an administrator to look at.</summary>
    public int MaxAttempts { get; init; } = 5;
    /// <summary>The wait after the first failure; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How long a dispatcher's claim on a message lasts: longer than any send may take.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);
    public int BatchSize { get; init; } = 50;

    public static OutboxOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Nara:Notifications");
        var defaults = new OutboxOptions();
        return new OutboxOptions
        {
            DispatcherEnabled = s.GetValue("Dispatcher:Enabled", defaults.DispatcherEnabled),
            PollInterval = s.GetValue("Dispatcher:PollInterval", defaults.PollInterval),
            MaxAttempts = s.GetValue("MaxAttempts", defaults.MaxAttempts),
            FirstRetryDelay = s.GetValue("FirstRetryDelay", defaults.FirstRetryDelay),
        };
    }

    /// <summary>Exponential backoff: the wait after the <paramref name="attempts"/>th failed attempt.</summary>
    public TimeSpan BackoffAfter(int attempts) => FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
}

/// <summary>
/// Sends due messages after their command has committed. Several app processes may run it at once: each message is
/// claimed with a conditional UPDATE (pending, not leased by anyone else) before it is sent, so only one process sends
/// it. A process that dies between sending and recording leaves the lease to run out and the message is sent again
/// (at least once, never twice while the lease holds). Failures are retried with exponential backoff, then marked failed.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, ISmsSender sms, IEmailSender email, OutboxOptions options, ILogger<OutboxDispatcher> log)
{
    /// <summary>Sends every message due at <paramref name="now"/>; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var contacts = scope.ServiceProvider.GetRequiredService<IResidentContacts>();
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Id).Select(m => m.Id).Take(options.BatchSize).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            var token = Guid.NewGuid();
            var leaseEnd = now + options.Lease;
            var claimed = await db.Set<OutboxMessage>()
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.LockToken, token), ct);
            if (claimed == 0)
            {
                continue; // another dispatcher has it, or it was withdrawn meanwhile
            }
            var message = await db.Set<OutboxMessage>().AsNoTracking().FirstAsync(m => m.Id == id, ct);
            try
            {
                var via = await DeliverAsync(message, contacts, ct);
                await db.Set<OutboxMessage>().Where(m => m.Id == id && m.LockToken == token)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.DeliveredVia, via)
                        .SetProperty(m => m.SentAt, now)
                        .SetProperty(m => m.LastAttemptAt, now)
                        .SetProperty(m => m.Attempts, message.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LockToken, (Guid?)null), CancellationToken.None);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var attempts = message.Attempts + 1;
                var failed = attempts >= options.MaxAttempts;
                var next = failed ? message.NextAttemptAt : now + options.BackoffAfter(attempts);
                var error = Describe(ex);
                var status = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
                await db.Set<OutboxMessage>().Where(m => m.Id == id && m.LockToken == token)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, status)
                        .SetProperty(m => m.Attempts, attempts)
                        .SetProperty(m => m.LastAttemptAt, now)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LockToken, (Guid?)null), CancellationToken.None);
                if (failed)
                {
                    GaveUp(log, id, message.Kind, attempts, error);
                }
                else
                {
                    WillRetry(log, id, message.Kind, attempts, error);
                }
            }
        }
        return sent;
    }

    /// <summary>
    /// The channel the resident asked for, if the details for it exist; otherwise the Utkorg (every message is shown
    /// there in any case). Letters are not printed by Nära: they fall back to the Utkorg too.
    /// </summary>
    private async Task<MessageChannel> DeliverAsync(OutboxMessage message, IResidentContacts contacts, CancellationToken ct)
    {
        var contact = await contacts.GetContactAsync(message.Recipient, ct);
        var channel = message.RequestedChannel ?? contact?.PreferredChannel switch
        {
            ContactChannel.Sms => MessageChannel.Sms,
            ContactChannel.Epost => MessageChannel.Epost,
            _ => MessageChannel.Utkorg,
        };
        if (channel == MessageChannel.Sms && contact?.Phone is { Length: > 0 } phone)
        {
            await sms.SendAsync(new OutgoingSms(message.Id, message.Kind, phone, $"{message.Subject}\n{message.Body}"), ct);
            return MessageChannel.Sms;
        }
        if (channel == MessageChannel.Epost && contact?.Email is { Length: > 0 } address)
        {
            await email.SendAsync(new OutgoingEmail(message.Id, message.Kind, address, message.Subject, message.Body), ct);
            return MessageChannel.Epost;
        }
        DeliveredToUtkorg(log, message.Id, message.Kind);
        return MessageChannel.Utkorg;
    }

    /// <summary>What may be stored and shown about a failure: our own safe text, or only the exception's type.</summary>
    private static string Describe(Exception ex) => ex is ChannelException ? ex.Message : ex.GetType().Name;

    [LoggerMessage(LogLevel.Information, "Outbox message {MessageId} ({Kind}) delivered to the Utkorg")]
    private static partial void DeliveredToUtkorg(ILogger logger, long messageId, string kind);

    [LoggerMessage(LogLevel.Warning, "Outbox message {MessageId} ({Kind}) failed on attempt {Attempts} ({Error}); retrying later")]
    private static partial void WillRetry(ILogger logger, long messageId, string kind, int attempts, string error);

    [LoggerMessage(LogLevel.Error, "Outbox message {MessageId} ({Kind}) failed {Attempts} times ({Error}); marked failed for an administrator")]
    private static partial void GaveUp(ILogger logger, long messageId, string kind, int attempts, string error);
}

/// <summary>Runs the dispatcher on a timer (clock from TimeProvider).</summary>
public sealed partial class OutboxBackgroundService(OutboxDispatcher dispatcher, OutboxOptions options, TimeProvider time, ILogger<OutboxBackgroundService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DispatcherEnabled)
        {
            return;
        }
        using var timer = new PeriodicTimer(options.PollInterval, time);
        do
        {
            try
            {
                await dispatcher.DispatchDueAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be briefly unavailable; the next tick tries again. Only the type: no personal data.
                TickFailed(log, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch failed ({Error}); trying again on the next tick")]
    private static partial void TickFailed(ILogger logger, string error);
}
