using Nara.Modules.Monitoring.Features;
using Nara.Platform.Hosting;

namespace Nara.Modules.Monitoring;

/// <summary>Runs <see cref="EscalateMeasurementAlerts"/> every minute unless <c>Nara:Monitoring:EscalationEnabled</c> is false.</summary>
public sealed partial class MonitoringEscalationService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, StartupGate gate, ILogger<MonitoringEscalationService> log)
    : PeriodicService(gate, time)
{
    private readonly TimeProvider _time = time;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool Enabled => configuration.GetValue("Nara:Monitoring:EscalationEnabled", true);

    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalateMeasurementAlerts>().RunAsync(_time.GetUtcNow(), ct);
    }

    protected override void OnFailed(Exception ex) => EscalationFailed(log, ex.GetType().Name);

    [LoggerMessage(LogLevel.Warning, "Measurement alert escalation failed ({Error}); trying again in a minute")]
    private static partial void EscalationFailed(ILogger logger, string error);
}
