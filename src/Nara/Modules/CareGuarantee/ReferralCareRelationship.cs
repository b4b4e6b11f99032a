using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee;

/// <summary>
/// A referral received, a decision to treat or a contact registered at a unit is a care relationship with that unit
/// while its clock runs and for 30 days after the contact, visit or treatment, so the unit can prepare and follow up.
/// </summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class ReferralCareRelationship(NaraDbContext db, TimeProvider time) : ICareRelationshipSource
{
    public const int FollowUpDays = 30;

    public IQueryable<ResidentId> RelatedTo(UnitId unit)
    {
        var since = Stockholm.Today(time).AddDays(-FollowUpDays);
        return db.Set<GuaranteeClock>().Where(c => c.UnitId == unit
            && c.Source != ClockSource.Arende && (c.StopDate == null || c.StopDate >= since)).Select(c => c.ResidentId);
    }
}
