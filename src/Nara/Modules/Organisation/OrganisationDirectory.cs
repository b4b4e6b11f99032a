using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Organisation;

internal sealed class OrganisationDirectory(NaraDbContext db) : IOrganisationDirectory
{
    public async Task<UnitSummary?> GetUnitAsync(UnitId id, CancellationToken ct) =>
        await db.Set<CareUnit>().AsNoTracking().Where(u => u.Id == id).Select(ToSummary).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyDictionary<UnitId, UnitSummary>> GetUnitsAsync(IEnumerable<UnitId> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        var units = await db.Set<CareUnit>().AsNoTracking().Where(u => list.Contains(u.Id)).Select(ToSummary).ToListAsync(ct);
        return units.ToDictionary(u => u.Id);
    }

    public async Task<IReadOnlyList<UnitSummary>> ListUnitsAsync(UnitType? type, CancellationToken ct) =>
        await db.Set<CareUnit>().AsNoTracking().Where(u => type == null || u.Type == type).OrderBy(u => u.Name).Select(ToSummary).ToListAsync(ct);

    public async Task<string?> GetOpeningHoursAsync(UnitId id, CancellationToken ct) =>
        await db.Set<CareUnit>().AsNoTracking().Where(u => u.Id == id).Select(u => u.OpeningHours).FirstOrDefaultAsync(ct);

    public async Task<StaffSummary?> GetStaffAsync(StaffId id, CancellationToken ct)
    {
        var s = await db.Set<StaffMember>().AsNoTracking().Include(x => x.Assignments).FirstOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? null : ToStaffSummary(s);
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
        await db.Set<Municipality>().AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name, ct);

    internal static readonly System.Linq.Expressions.Expression<Func<CareUnit, UnitSummary>> ToSummary =
        u => new UnitSummary(u.Id, u.Name, u.Type, u.MunicipalityCode, u.HsaId);

    internal static StaffSummary ToStaffSummary(StaffMember s) =>
        new(s.Id, s.FullName, s.Profession, s.Role, s.Assignments.Select(a => a.UnitId).ToList(), s.HsaId);
}
