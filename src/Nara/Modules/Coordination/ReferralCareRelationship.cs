using System.Linq.Expressions;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>
/// A referral sent to a unit is a care relationship with that unit while it is open (sent, more asked for, accepted), and
/// for the follow-up window after it was answered: the receiving unit must read the person's record to assess it. A
/// returned referral gives none.
/// </summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class ReferralCareRelationship : ICareRelationshipSource
{
    private static readonly Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> Referred =
        (db, unit, since, sinceDate) => db.Set<Referral>()
            .Where(r => r.ToUnitId == unit
                && (r.Status == ReferralStatus.Skickad || r.Status == ReferralStatus.KompletteringBegard || r.Status == ReferralStatus.Accepterad
                    || (r.Status == ReferralStatus.Besvarad && r.ClosedAt >= since)))
            .Select(r => r.ResidentId);

    public Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo => Referred;
}
