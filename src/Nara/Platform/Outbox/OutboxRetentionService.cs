using Nara.Platform.Hosting;
using Nara.Platform.Outbox.Features;

namespace Nara.Platform.Outbox;

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
