using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Organisation;

internal sealed class OrganisationDirectory(NaraDbContext db, OrganisationCache cache) : IOrganisationDirectory
{
    public async Task<UnitSummary?> GetUnitAsync(UnitId id, CancellationToken ct) =>
        (await cache.UnitsAsync(ct)).GetValueOrDefault(id);

    public async Task<IReadOnlyDictionary<UnitId, UnitSummary>> GetUnitsAsync(IEnumerable<UnitId> ids, CancellationToken ct)
    {
        var all = await cache.UnitsAsync(ct);
        var result = new Dictionary<UnitId, UnitSummary>();
        foreach (var id in ids)
        {
            if (all.TryGetValue(id, out var unit))
            {
                result[id] = unit;
            }
        }
        return result;
    }

    public async Task<IReadOnlyList<UnitSummary>> ListUnitsAsync(UnitType? type, CancellationToken ct) =>
        (await cache.UnitsAsync(ct)).Values.Where(u => type == null || u.Type == type)
            .OrderBy(u => u.Name, StringComparer.Create(Platform.Localisation.LocalisationSetup.Swedish, false)).ToList();

    public async Task<string?> GetOpeningHoursAsync(UnitId id, CancellationToken ct) =>
        (await cache.OpeningHoursAsync(ct)).GetValueOrDefault(id);

    public async Task<StaffSummary?> GetStaffAsync(StaffId id, CancellationToken ct)
    {
        var s = await db.Set<StaffMember>().AsNoTracking().Include(x => x.Assignments).FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : ToStaffSummary(s);
    }

    public async Task<IReadOnlyDictionary<StaffId, StaffSummary>> GetStaffAsync(IEnumerable<StaffId> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<StaffId, StaffSummary>();
        }
        var staff = await db.Set<StaffMember>().AsNoTracking().Include(x => x.Assignments).Where(s => wanted.Contains(s.Id)).ToListAsync(ct);
        return staff.ToDictionary(s => s.Id, ToStaffSummary);
    }

    public async Task<IReadOnlyList<StaffSummary>> ListStaffAsync(UnitId unit, CancellationToken ct)
    {
        var staff = await db.Set<StaffMember>().AsNoTracking().Include(x => x.Assignments)
            .Where(s => s.Assignments.Any(a => a.UnitId == unit))
            .OrderBy(s => s.FamilyName).ThenBy(s => s.GivenName).ToListAsync(ct);
        return staff.Select(ToStaffSummary).ToList();
    }

    public async Task<StaffSummary?> FindStaffByHsaIdAsync(string hsaId, CancellationToken ct)
    {
        var s = await db.Set<StaffMember>().AsNoTracking().Include(x => x.Assignments).FirstOrDefaultAsync(x => x.HsaId == hsaId, ct);
        return s is null ? null : ToStaffSummary(s);
    }

    public async Task<IReadOnlyDictionary<string, string>> MunicipalityNamesAsync(CancellationToken ct) =>
        await cache.MunicipalitiesAsync(ct);

    internal static readonly System.Linq.Expressions.Expression<Func<CareUnit, UnitSummary>> ToSummary =
        u => new UnitSummary(u.Id, u.Name, u.Type, u.MunicipalityCode, u.HsaId);

    internal static StaffSummary ToStaffSummary(StaffMember s) =>
        new(s.Id, s.FullName, s.Profession, s.Role, s.Assignments.Select(a => a.UnitId).ToList(), s.HsaId);
}
