using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee;

/// <summary>Clocks for other modules' pages (<see cref="ICareGuaranteeClocks"/>): no access decision here, the caller has made it.</summary>
[NoAccessCheck("A contract for pages that have checked access to the case or visit the clocks belong to.")]
internal sealed class CareGuaranteeClocks(NaraDbContext db, TimeProvider time) : ICareGuaranteeClocks
{
    public async Task<IReadOnlyList<ClockView>> ForSourceAsync(Guid sourceId, CancellationToken ct)
    {
        var today = Stockholm.Today(time);
        var clocks = await db.Set<GuaranteeClock>().AsNoTracking().Where(c => c.SourceId == sourceId).ToListAsync(ct);
        return clocks.OrderBy(c => c.Kind).Select(c => ClockQueries.View(c, today)).ToList();
    }
}
