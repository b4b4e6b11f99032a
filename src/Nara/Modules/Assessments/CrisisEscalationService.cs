using Nara.Modules.Assessments.Features;
using Nara.Platform.Hosting;

namespace Nara.Modules.Assessments;

/// <summary>Runs <see cref="EscalateCrisisAlerts"/> every minute unless <c>Nara:Assessments:EscalationEnabled</c> is false.</summary>
public sealed partial class CrisisEscalationService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, StartupGate gate, ILogger<CrisisEscalationService> log)
    : PeriodicService(gate, time)
{
    private readonly TimeProvider _time = time;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool Enabled => configuration.GetValue("Nara:Assessments:EscalationEnabled", true);

    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EscalateCrisisAlerts>().RunAsync(_time.GetUtcNow(), ct);
    }

    protected override void OnFailed(Exception ex) => EscalationFailed(log, ex.GetType().Name);

    [LoggerMessage(LogLevel.Warning, "Crisis alert escalation failed ({Error}); trying again in a minute")]
    private static partial void EscalationFailed(ILogger logger, string error);
}
