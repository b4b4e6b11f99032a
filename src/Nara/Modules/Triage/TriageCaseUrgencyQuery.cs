using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage;

/// <summary>
/// A clinician who closed the case with their own urgency has overruled the engine, so theirs is the decided one; an
/// open case still has only the engine's.
/// </summary>
[NoAccessCheck("A contract for the waitlist, whose use case (JoinWaitlist) checks access before it asks.")]
internal sealed class TriageCaseUrgencyQuery(NaraDbContext db) : ITriageCaseUrgency
{
    public async Task<TriageCaseUrgency?> GetUrgencyAsync(TriageCaseId caseId, ResidentId resident, CancellationToken ct)
    {
        var c = await db.Set<TriageCase>().AsNoTracking()
            .Where(c => c.Id == caseId && c.ResidentId == resident)
            .Select(c => new { c.EngineUrgency, c.ClinicianUrgency, c.UnitId })
            .FirstOrDefaultAsync(ct);
        return c is null ? null : new TriageCaseUrgency(c.ClinicianUrgency ?? c.EngineUrgency, c.UnitId, c.ClinicianUrgency is not null);
    }
}
