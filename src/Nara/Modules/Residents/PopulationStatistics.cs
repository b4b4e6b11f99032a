using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents;

[NoAccessCheck("Counts for the region analysis; no person is read or shown.")]
internal sealed class PopulationStatistics(NaraDbContext db) : IPopulationStatistics
{
    public async Task<IReadOnlyList<PopulationCell>> ByMunicipalitySexBirthYearAsync(CancellationToken ct)
    {
        // Grouping by birth year keeps the SQL portable across both engines; callers turn years into ages.
        var rows = await db.Set<Resident>().AsNoTracking()
            .GroupBy(r => new { r.MunicipalityCode, r.Sex, r.BirthDate.Year })
            .Select(g => new { g.Key.MunicipalityCode, g.Key.Sex, g.Key.Year, Count = g.Count() })
            .ToListAsync(ct);
        return rows.Select(r => new PopulationCell(r.MunicipalityCode, r.Sex, r.Year, r.Count)).ToList();
    }

    public async Task<IReadOnlyDictionary<UnitId, int>> ListedByUnitAsync(CancellationToken ct) =>
        await db.Set<Listing>().AsNoTracking().Where(l => l.To == null)
            .GroupBy(l => l.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
}
