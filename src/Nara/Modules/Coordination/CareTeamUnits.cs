using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

[Nara.Platform.Access.NoAccessCheck("Says which units a person can write to, for a caller that has checked its access to the person.")]
internal sealed class CareTeamUnits(NaraDbContext db) : ICareTeamUnits
{
    public async Task<IReadOnlyList<UnitId>> CurrentUnitsAsync(ResidentId resident, CancellationToken ct) =>
        await db.Set<CareTeamMember>().AsNoTracking().Where(m => m.ResidentId == resident && m.To == null).Select(m => m.UnitId).Distinct().ToListAsync(ct);
}
