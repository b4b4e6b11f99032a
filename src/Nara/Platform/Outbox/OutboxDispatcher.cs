using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Hosting;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox;

/// <summary>Bound from <c>Nara:Notifications</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Run the background dispatcher in this process (tests drive <see cref="OutboxDispatcher.DispatchDueAsync(DateTimeOffset, CancellationToken)"/> directly instead).</summary>
    public bool DispatcherEnabled { get; init; } = true;
    /// <summary>
    /// How often an idle dispatcher looks for due messages (one indexed query). A tick that finds a backlog drains it
    /// before waiting again, so this bounds only the delay of a message enqueued while the dispatcher is idle.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Attempts before a message is marked failed for an administrator to look at.</summary>
    public int MaxAttempts { get; init; } = 5;
    /// <summary>The wait after the first failure; it doubles after each further failure.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How long a dispatcher's claim on a message lasts: longer than any send may take.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);
    public int BatchSize { get; init; } = 50;
    /// <summary>
    /// The longest an idle dispatcher goes without looking (<see cref="OutboxSchedule"/>): it otherwise sleeps until the
    /// next message is due or one is enqueued in this process, so this bounds only the delay of a message another
    /// process enqueued for now.
    /// </summary>
    public TimeSpan IdleRecheck { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Days a sent or withdrawn message is kept before <see cref="Features.PruneOutbox"/> deletes it (data minimisation,
    /// and a table that does not grow without bound). Pending and failed messages are never deleted.
    /// </summary>
    public int RetentionDays { get; init; } = 90;
    /// <summary>How often the retention service prunes (not on the dispatcher's poll).</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Rows deleted per statement, so that one prune never holds a long lock.</summary>
    public int PruneBatchSize { get; init; } = 1000;

    /// <summary>The longest retention accepted (100 years): beyond it the cutoff would leave the calendar.</summary>
    public const int MaxRetentionDays = 36_500;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    /// <summary>Reads <c>Nara:Notifications</c>; a retention outside 1–<see cref="MaxRetentionDays"/> days stops start-up.</summary>
    public static OutboxOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Nara:Notifications");
        var defaults = new OutboxOptions();
        var retentionDays = s.GetValue("RetentionDays", defaults.RetentionDays);
        if (retentionDays is < 1 or > MaxRetentionDays)
        {
            throw new InvalidOperationException(
                $"Nara:Notifications:RetentionDays must be between 1 and {MaxRetentionDays} days; it is {retentionDays}.");
        }
        return new OutboxOptions
        {
            DispatcherEnabled = s.GetValue("Dispatcher:Enabled", defaults.DispatcherEnabled),
            PollInterval = s.GetValue("Dispatcher:PollInterval", defaults.PollInterval),
            IdleRecheck = s.GetValue("Dispatcher:IdleRecheck", defaults.IdleRecheck),
            MaxAttempts = s.GetValue("MaxAttempts", defaults.MaxAttempts),
            FirstRetryDelay = s.GetValue("FirstRetryDelay", defaults.FirstRetryDelay),
            RetentionDays = retentionDays,
        };
    }

    /// <summary>Exponential backoff: the wait after the <paramref name="attempts"/>th failed attempt.</summary>
    public TimeSpan BackoffAfter(int attempts) => FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
}

/// <summary>
/// Sends due messages after their command has committed. Several app processes may run it at once: a batch of messages
/// is claimed with one conditional UPDATE (pending, not leased by anyone else) that gives each claimed row this batch's
/// lease token, so only one process sends a message. A dispatch keeps taking batches until fewer than a full batch is
/// due, so a backlog is drained at the database's pace, not at one batch per poll. Sent messages are recorded together
/// at the end of the batch (one UPDATE per channel), failures one by one. A process that dies between sending and
/// recording leaves the lease to run out and the batch's sent messages are sent again (at least once, never twice while
/// the lease holds): no message is started after half of its lease has gone, and one whose send was interrupted keeps
/// its lease. Failures are retried with exponential backoff, then marked failed.
/// </summary>
[NoAccessCheck("Background delivery of messages already written; no person asks for them.")]
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, ISmsSender sms, IEmailSender email, OutboxOptions options, ILogger<OutboxDispatcher> log)
{
    /// <summary>
    /// Sends every message due at <paramref name="now"/>, batch after batch until fewer than a full batch is due;
    /// returns how many were sent. The clock stands still at <paramref name="now"/> (tests).
    /// </summary>
    public Task<int> DispatchDueAsync(DateTimeOffset now, CancellationToken ct) => DrainAsync(() => now, ct);

    /// <summary>
    /// Sends every message due, batch after batch until fewer than a full batch is due; returns how many were sent.
    /// The clock is read for each batch, so each lease starts when its batch is claimed however long the backlog is.
    /// </summary>
    public Task<int> DispatchDueAsync(TimeProvider time, CancellationToken ct) => DrainAsync(time.GetUtcNow, ct);

    private async Task<int> DrainAsync(Func<DateTimeOffset> clock, CancellationToken ct)
    {
        var sent = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (due, batchSent) = await DispatchBatchAsync(clock, ct);
            sent += batchSent;
            // A full batch means more may be waiting. Rows another dispatcher has claimed are leased, so the next query
            // does not find them again: every round either sends, records a failure, or sees fewer rows.
            if (due < options.BatchSize)
            {
                return sent;
            }
        }
    }

    /// <summary>Claims, sends and records one batch; returns how many were due (found) and how many were sent.</summary>
    private async Task<(int Due, int Sent)> DispatchBatchAsync(Func<DateTimeOffset> clock, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var now = clock();
        // In due order, which the (Status, NextAttemptAt) index gives: the query reads the due rows and stops, however
        // many reminders wait for later (ordering by id instead walked every pending row).
        var due = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Select(m => m.Id).Take(options.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return (0, 0);
        }
        var token = Guid.NewGuid();
        var leaseEnd = now + options.Lease;
        // The same conditions again: rows another dispatcher claimed (or that were withdrawn) since the query are skipped.
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd).SetProperty(m => m.LockToken, token), ct);
        if (claimed == 0)
        {
            return (due.Count, 0);
        }

        var startBy = now + (options.Lease / 2);
        var delivered = new Dictionary<MessageChannel, List<long>>();
        // Until the claimed rows are read, every id of the batch (the release below touches only rows with our token).
        var unstarted = new List<long>(due);
        var sent = 0;
        try
        {
            // By id as well as token: the primary key finds the rows without scanning the table for the token.
            var messages = await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => due.Contains(m.Id) && m.LockToken == token).OrderBy(m => m.Id).ToListAsync(ct);
            unstarted = messages.ConvertAll(m => m.Id);
            var contacts = await scope.ServiceProvider.GetRequiredService<IResidentContacts>()
                .GetContactsAsync(messages.Select(m => m.Recipient).Distinct().ToList(), ct);
            foreach (var message in messages)
            {
                // Stopping, or the lease is half gone: leave the rest to be claimed again rather than risk sending a
                // message after its lease has run out (another process may have claimed it by then).
                if (ct.IsCancellationRequested || clock() > startBy)
                {
                    break;
                }
                unstarted.Remove(message.Id);
                try
                {
                    var via = await DeliverAsync(message, contacts.GetValueOrDefault(message.Recipient), ct);
                    if (!delivered.TryGetValue(via, out var ids))
                    {
                        delivered[via] = ids = [];
                    }
                    ids.Add(message.Id);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await RecordFailureAsync(db, message, token, now, ex);
                }
                // A send interrupted by cancellation may or may not have gone out: that message keeps its lease.
            }
        }
        finally
        {
            // Recorded even when stopping: these were sent.
            var at = clock();
            foreach (var (via, ids) in delivered)
            {
                sent += await db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id) && m.LockToken == token)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.Status, OutboxStatus.Sent)
                        .SetProperty(m => m.DeliveredVia, via)
                        .SetProperty(m => m.SentAt, at)
                        .SetProperty(m => m.LastAttemptAt, at)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LockToken, (Guid?)null), CancellationToken.None);
            }
            if (unstarted.Count > 0)
            {
                await db.Set<OutboxMessage>().Where(m => unstarted.Contains(m.Id) && m.LockToken == token)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                        .SetProperty(m => m.LockToken, (Guid?)null), CancellationToken.None);
            }
        }
        return (due.Count, sent);
    }

    /// <summary>When the earliest pending message is due (now or earlier if one is due or leased), or null when none is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    private async Task RecordFailureAsync(NaraDbContext db, OutboxMessage message, Guid token, DateTimeOffset now, Exception ex)
    {
        var attempts = message.Attempts + 1;
        var failed = attempts >= options.MaxAttempts;
        var next = failed ? message.NextAttemptAt : now + options.BackoffAfter(attempts);
        var error = Describe(ex);
        var status = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
        await db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.LockToken == token)
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
            GaveUp(log, message.Id, message.Kind, attempts, error);
        }
        else
        {
            WillRetry(log, message.Id, message.Kind, attempts, error);
        }
    }

    /// <summary>
    /// The channel the resident asked for, if the details for it exist; otherwise the Utkorg (every message is shown
    /// there in any case). Letters are not printed by Nära: they fall back to the Utkorg too.
    /// </summary>
    private async Task<MessageChannel> DeliverAsync(OutboxMessage message, ResidentContact? contact, CancellationToken ct)
    {
        var channel = message.RequestedChannel ?? contact?.PreferredChannel switch
        {
            NotificationChannel.Sms => MessageChannel.Sms,
            NotificationChannel.Epost => MessageChannel.Epost,
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

/// <summary>
/// Runs the dispatcher on a timer (clock from TimeProvider); a tick drains whatever is due, and is skipped without a
/// query while <see cref="OutboxSchedule"/> knows nothing is due.
/// </summary>
public sealed partial class OutboxBackgroundService(OutboxDispatcher dispatcher, OutboxSchedule schedule, OutboxOptions options, TimeProvider time, StartupGate gate, ILogger<OutboxBackgroundService> log)
    : PeriodicService(gate, time)
{
    private readonly TimeProvider _time = time;

    protected override TimeSpan Interval => options.PollInterval;

    protected override bool Enabled => options.DispatcherEnabled;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        if (!schedule.ShouldPoll())
        {
            return;
        }
        var started = _time.GetUtcNow();
        await dispatcher.DispatchDueAsync(_time, ct);
        schedule.Polled(started, await dispatcher.NextDueAsync(ct));
    }

    // The database may be briefly unavailable; the next tick tries again. Only the type: no personal data.
    protected override void OnFailed(Exception ex) => TickFailed(log, ex.GetType().Name);

    [LoggerMessage(LogLevel.Warning, "Outbox dispatch failed ({Error}); trying again on the next tick")]
    private static partial void TickFailed(ILogger logger, string error);
}

/// <summary>
/// When the dispatcher must look for due messages, so that an idle dispatcher costs nothing: after a look it sleeps until
/// the earliest pending message is due, at most <see cref="OutboxOptions.IdleRecheck"/>, and a message enqueued in this
/// process wakes it. A wake keeps it looking for <see cref="CommitGrace"/>, because the enqueuing command commits a
/// moment after it wrote the message.
/// </summary>
public sealed class OutboxSchedule(TimeProvider time, OutboxOptions options)
{
    public static readonly TimeSpan CommitGrace = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private DateTimeOffset _sleepUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastPoll = DateTimeOffset.MinValue;
    private DateTimeOffset _lastWake = DateTimeOffset.MinValue;

    /// <summary>A message was enqueued in this process.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            _lastWake = time.GetUtcNow();
        }
    }

    /// <summary>True when a message may be due: its time has come, one was enqueued lately, or the recheck is due.</summary>
    public bool ShouldPoll()
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return now >= _sleepUntil || _lastWake >= _lastPoll - CommitGrace;
        }
    }

    /// <summary>A look that started at <paramref name="startedAt"/> found the earliest pending message due at <paramref name="nextDue"/> (null: none).</summary>
    public void Polled(DateTimeOffset startedAt, DateTimeOffset? nextDue)
    {
        var recheck = startedAt + options.IdleRecheck;
        lock (_gate)
        {
            _lastPoll = startedAt;
            _sleepUntil = nextDue is { } due && due < recheck ? due : recheck;
        }
    }
}
