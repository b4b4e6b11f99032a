using System.Linq.Expressions;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>
/// Membership of a resident's care team is a care relationship with the member's unit while it lasts, and ends when the
/// member is removed (no follow-up window: removing someone from the team is the decision that the relationship ended).
/// </summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class CareTeamCareRelationship : ICareRelationshipSource
{
    private static readonly Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> Members =
        (db, unit, since, sinceDate) => db.Set<CareTeamMember>().Where(m => m.UnitId == unit && m.To == null).Select(m => m.ResidentId);

    public Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo => Members;
}
