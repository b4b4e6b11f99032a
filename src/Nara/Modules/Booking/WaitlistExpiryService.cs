using Nara.Modules.Booking.Features;
using Nara.Platform.Hosting;

namespace Nara.Modules.Booking;

/// <summary>Runs <see cref="ExpireOffers"/> every minute unless <c>Nara:Booking:Waitlist:ExpiryEnabled</c> is false.</summary>
public sealed partial class WaitlistExpiryService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, StartupGate gate, ILogger<WaitlistExpiryService> log)
    : PeriodicService(gate, time)
{
    private readonly TimeProvider _time = time;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool Enabled => configuration.GetValue("Nara:Booking:Waitlist:ExpiryEnabled", true);

    protected override bool RunAtStart => false;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExpireOffers>().RunAsync(_time.GetUtcNow(), ct);
    }

    protected override void OnFailed(Exception ex) => SweepFailed(log, ex.GetType().Name);

    [LoggerMessage(LogLevel.Warning, "Waitlist offer expiry failed ({Error}); trying again in a minute")]
    private static partial void SweepFailed(ILogger logger, string error);
}
