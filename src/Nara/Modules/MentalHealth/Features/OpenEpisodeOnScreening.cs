using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// A screening answer in a band the stepped-care content names (a positive PHQ-2 or GAD-2, a PHQ-9 or GAD-7 at moderate
/// or above) opens a care need at the unit that asked, with the fast first assessment's clock, in the answer's own
/// transaction; nothing when the person already has an open need there.
/// </summary>
[NoAccessCheck("Event subscriber: opens the care need for the answer the access-checked, audited command just kept.")]
public sealed class OpenEpisodeOnScreening(NaraDbContext db, SteppedCareContent content) : IDomainEventSubscriber<InstrumentAnswered>, IFeature
{
    public async Task HandleAsync(InstrumentAnswered e, CancellationToken ct)
    {
        if (SteppedCareRules.Opens(content, e.Instrument, e.Band) is null
            || await db.Set<CareEpisode>().AnyAsync(x => x.ResidentId == e.Resident && x.UnitId == e.Unit && x.ClosedAt == null, ct))
        {
            return;
        }
        db.Add(OpenCareEpisode.Open(e.Resident, e.Unit, "Screening", $"{e.Instrument.ToUpperInvariant()}: {e.Score} poäng", e.At, content));
        // Saved with the answer (the command collects its writes for one save).
    }
}
