using System.Linq.Expressions;
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
internal sealed class TriageCareRelationship : ICareRelationshipSource
{
    private static readonly Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> Cases =
        (db, unit, since, sinceDate) => db.Set<TriageCase>().Where(c => c.UnitId == unit && (c.ClosedAt == null || c.ClosedAt > since)).Select(c => c.ResidentId);

    public Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo => Cases;
}
