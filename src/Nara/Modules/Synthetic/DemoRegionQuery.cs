using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Contracts;
using Nara.Modules.Synthetic.Writing;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Synthetic;

/// <summary>The generated region as demo seeders see it, by ordered queries, and the bulk writer for their rows.</summary>
[NoAccessCheck("Reads the synthetic demo region for the modules' demo seeders; synthetic data only.")]
internal sealed class DemoRegionQuery(NaraDbContext db, int seed, DateOnly today) : IDemoRegion
{
    public int Seed => seed;

    public DateOnly Today => today;

    public async Task<IReadOnlyList<(UnitId Unit, UnitType Type)>> UnitsAsync(CancellationToken ct) =>
        (await db.Set<CareUnit>().AsNoTracking().OrderBy(u => u.HsaId).Select(u => new { u.Id, u.Type }).ToListAsync(ct))
        .Select(u => (u.Id, u.Type)).ToList();

    public async Task<string> MunicipalityOfAsync(UnitId unit, CancellationToken ct) =>
        await db.Set<CareUnit>().AsNoTracking().Where(u => u.Id == unit).Select(u => u.MunicipalityCode).SingleAsync(ct);

    public async Task<IReadOnlyList<(StaffId Staff, Profession Profession, StaffRole Role)>> StaffAtAsync(UnitId unit, CancellationToken ct) =>
        (await db.Set<StaffMember>().AsNoTracking().Where(s => s.Assignments.Any(a => a.UnitId == unit)).OrderBy(s => s.HsaId)
            .Select(s => new { s.Id, s.Profession, s.Role }).ToListAsync(ct))
        .Select(s => (s.Id, s.Profession, s.Role)).ToList();

    public async Task<IReadOnlyList<ResidentId>> ListedAtAsync(UnitId unit, int max, CancellationToken ct) =>
        await db.Set<Listing>().AsNoTracking().Where(l => l.UnitId == unit && l.To == null)
            .OrderBy(l => l.ResidentId).Select(l => l.ResidentId).Take(max).ToListAsync(ct);

    public async Task<IReadOnlyList<DemoPerson>> PeopleAtAsync(UnitId unit, CancellationToken ct)
    {
        var people = await (from l in db.Set<Listing>().AsNoTracking()
                            join r in db.Set<Resident>().AsNoTracking() on l.ResidentId equals r.Id
                            where l.UnitId == unit && l.To == null
                            orderby l.ResidentId
                            select new { r.Id, r.BirthDate }).ToListAsync(ct);
        var conditions = (await db.Set<Nara.Modules.Records.Domain.Condition>().AsNoTracking()
            .Where(c => db.Set<Listing>().Any(l => l.ResidentId == c.ResidentId && l.UnitId == unit && l.To == null))
            .Select(c => new { c.ResidentId, c.Kind, c.Icd10 }).ToListAsync(ct)).ToLookup(c => c.ResidentId);
        return people.Select(p => new DemoPerson(p.Id, p.BirthDate, conditions[p.Id].Select(c => c.Kind).Distinct().Count(),
            conditions[p.Id].Select(c => c.Icd10).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())).ToList();
    }

    public async Task WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var writer = await BulkWriter.OpenAsync(db, ct);
        await writer.RegisterAsync<T>(ct);
        await writer.AddRangeAsync(rows, ct);
        await writer.CommitAsync(ct);
    }
}
