using System.Linq.Expressions;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.CareGuarantee;

/// <summary>
/// A referral received, a decision to treat or a contact registered at a unit is a care relationship with that unit
/// while its clock runs and for 30 days after the contact, visit or treatment, so the unit can prepare and follow up.
/// </summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class ReferralCareRelationship : ICareRelationshipSource
{
    private static readonly Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> Clocks =
        (db, unit, since, sinceDate) => db.Set<GuaranteeClock>().Where(c => c.UnitId == unit
            && c.Source != ClockSource.Arende && (c.StopDate == null || c.StopDate >= sinceDate)).Select(c => c.ResidentId);

    public Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo => Clocks;
}
