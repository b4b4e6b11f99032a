using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using static Nara.Modules.Organisation.Fhir.OrganisationFhir;

namespace Nara.Modules.Organisation.Fhir;

/// <summary>
/// One PractitionerRole per staff assignment. The id is the staff id and the unit id as 32 hex digits each, 64 characters
/// together (the longest FHIR id), so that it is stable and can be read back without a lookup table.
/// </summary>
internal sealed class PractitionerRoleResource(NaraDbContext db) : IFhirResourceHandler, IFhirResourceDefinition
{
    public static string ResourceType => "PractitionerRole";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("practitioner", SearchParamType.Reference, "Practitioner/<id>: medarbetarens roller."),
        new("organization", SearchParamType.Reference, "Organization/<id>: rollerna vid en enhet."),
    ];

    public static string IdOf(StaffId staff, UnitId unit) =>
        staff.Value.ToString("N", CultureInfo.InvariantCulture) + unit.Value.ToString("N", CultureInfo.InvariantCulture);

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (id.Length != 64 || !Guid.TryParseExact(id[..32], "N", out var staffGuid) || !Guid.TryParseExact(id[32..], "N", out var unitGuid))
        {
            throw FhirException.MalformedId(ResourceType, id, "förväntade medarbetarens och enhetens id som 2 × 32 hexadecimala tecken");
        }
        var staffId = new StaffId(staffGuid);
        var unitId = new UnitId(unitGuid);
        var rows = await Rows(db.Set<StaffAssignment>().Where(a => a.StaffId == staffId && a.UnitId == unitId)).ToListAsync(ct);
        return rows.Count == 0 ? throw FhirException.NotFound(ResourceType, id) : ToRole(rows[0]);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var query = db.Set<StaffAssignment>().AsQueryable();
        if (FhirIds.FromSearch<StaffId>(search, "practitioner", "Practitioner") is { } staffId)
        {
            query = query.Where(a => a.StaffId == staffId);
        }
        if (FhirIds.FromSearch<UnitId>(search, "organization", "Organization") is { } unitId)
        {
            query = query.Where(a => a.UnitId == unitId);
        }
        var rows = Rows(query);
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderBy(r => r.UnitName).ThenBy(r => r.FamilyName).ThenBy(r => r.GivenName).ThenBy(r => r.HsaId)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        return new FhirPage(page.Select(ToRole).ToList(), total);
    }

    // A class with init properties, not a positional record: EF can order by members of a member-init projection only.
    private sealed class Row
    {
        public StaffId StaffId { get; init; }
        public UnitId UnitId { get; init; }
        public required string GivenName { get; init; }
        public required string FamilyName { get; init; }
        public required string HsaId { get; init; }
        public Contracts.Profession Profession { get; init; }
        public required string UnitName { get; init; }
    }

    private IQueryable<Row> Rows(IQueryable<StaffAssignment> assignments) =>
        from a in assignments.AsNoTracking()
        join s in db.Set<StaffMember>() on a.StaffId equals s.Id
        join u in db.Set<CareUnit>() on a.UnitId equals u.Id
        select new Row
        {
            StaffId = a.StaffId, UnitId = a.UnitId, GivenName = s.GivenName, FamilyName = s.FamilyName, HsaId = s.HsaId, Profession = s.Profession, UnitName = u.Name,
        };

    private static PractitionerRole ToRole(Row row) => new()
    {
        Id = IdOf(row.StaffId, row.UnitId),
        Active = true,
        Practitioner = FhirIds.Reference("Practitioner", row.StaffId, $"{row.GivenName} {row.FamilyName}"),
        Organization = FhirIds.Reference("Organization", row.UnitId, row.UnitName),
        Location = [FhirIds.Reference("Location", row.UnitId, row.UnitName)],
        Code = [ProfessionConcept(row.Profession)],
    };
}
