using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage;

/// <summary>
/// A case the resident sent to a unit is a care relationship with that unit (like a referral) while it is open and for
/// 30 days after it was closed, so the unit can follow up.
/// </summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class TriageCareRelationship(NaraDbContext db, TimeProvider time) : ICareRelationshipSource
{
    public static readonly TimeSpan FollowUp = TimeSpan.FromDays(30);

    public IQueryable<ResidentId> RelatedTo(UnitId unit)
    {
        var since = time.GetUtcNow() - FollowUp;
        return db.Set<TriageCase>().Where(c => c.UnitId == unit && (c.ClosedAt == null || c.ClosedAt > since)).Select(c => c.ResidentId);
    }
}
