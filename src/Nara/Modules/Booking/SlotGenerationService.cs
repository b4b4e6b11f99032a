using Nara.Modules.Booking.Features;
using Nara.Platform.Hosting;

namespace Nara.Modules.Booking;

/// <summary>Opens new days as they come within each unit's horizon: at start-up and then every six hours.</summary>
internal sealed class SlotGenerationService(IServiceScopeFactory scopes, TimeProvider time, StartupGate gate, ILogger<SlotGenerationService> logger)
    : PeriodicService(gate, time)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<GenerateSlots>().AllUnitsAsync(ct);
        logger.LogInformation("Tider genererade: {Added} nya, {Withdrawn} tagna ur schemat, {Restored} återställda", outcome.Added, outcome.Withdrawn, outcome.Restored);
    }

    // A failed run is retried at the next tick; the times already open stay bookable.
    protected override void OnFailed(Exception ex) => logger.LogWarning(ex, "Tidsgenereringen misslyckades; nytt försök om sex timmar");
}
