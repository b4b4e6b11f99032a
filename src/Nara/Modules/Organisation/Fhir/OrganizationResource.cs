using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using static Nara.Modules.Organisation.Fhir.OrganisationFhir;

namespace Nara.Modules.Organisation.Fhir;

/// <summary>Care units as Organization (id = unit id), and the region itself (id = region-&lt;länskod&gt;). Any signed-in user.</summary>
internal sealed class OrganizationResource(NaraDbContext db) : IFhirResourceHandler, IFhirResourceDefinition
{
    public static string ResourceType => "Organization";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("identifier", SearchParamType.Token, $"Enhetens HSA-id ({FhirSystems.HsaId}|värde eller bara värdet)."),
        new("name", SearchParamType.String, "Del av namnet, utan hänsyn till versaler."),
        new("type", SearchParamType.Token, $"Enhetstyp ({UnitTypeSystem}), t.ex. Vardcentral, eller 'region'."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (id.StartsWith("region-", StringComparison.Ordinal))
        {
            var code = id["region-".Length..];
            var region = await db.Set<Region>().AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, ct);
            return region is null ? throw FhirException.NotFound(ResourceType, id) : ToOrganization(region);
        }
        var unitId = FhirIds.Parse<UnitId>(ResourceType, id);
        var context = await LoadUnitsAsync(db, ct);
        var unit = context.Units.FirstOrDefault(u => u.Id == unitId) ?? throw FhirException.NotFound(ResourceType, id);
        return ToOrganization(unit, context);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var context = await LoadUnitsAsync(db, ct);
        var regions = await db.Set<Region>().AsNoTracking().ToListAsync(ct);
        IEnumerable<(string Name, string? Hsa, string Type, Func<Resource> Map)> all = context.Units
            .Select(u => (u.Name, (string?)u.HsaId, u.Type.ToString(), (Func<Resource>)(() => ToOrganization(u, context))))
            .Concat(regions.Select(r => (r.Name, (string?)null, RegionType, (Func<Resource>)(() => ToOrganization(r)))));
        if (search.Token("identifier") is { } identifier)
        {
            all = MatchesHsaToken(identifier) ? all.Where(o => o.Hsa == identifier.Code) : [];
        }
        if (search.Text("name") is { } name)
        {
            all = all.Where(o => ContainsIgnoringCase(o.Name, name));
        }
        if (search.Token("type") is { } type)
        {
            all = type.System is null || type.System == UnitTypeSystem
                ? all.Where(o => string.Equals(o.Type, type.Code, StringComparison.OrdinalIgnoreCase))
                : [];
        }
        var matches = all.OrderBy(o => o.Name, StringComparer.CurrentCulture).ThenBy(o => o.Hsa, StringComparer.Ordinal).ToList();
        return Page(matches, search, o => o.Map());
    }

    internal static Organization ToOrganization(CareUnit unit, UnitContext context)
    {
        var organization = new Organization
        {
            Id = FhirIds.Of(unit.Id),
            Active = true,
            Name = unit.Name,
            Identifier = [Hsa(unit.HsaId)],
            Type =
            [
                new CodeableConcept { Coding = [UnitTypeCoding(unit.Type), new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")] },
            ],
            PartOf = context.RegionOf(unit),
        };
        if (context.CityOf(unit) is { } city)
        {
            organization.Address = [new Address { City = city, Country = "SE" }];
        }
        return organization;
    }

    internal static Organization ToOrganization(Region region) => new()
    {
        Id = RegionId(region.Code),
        Active = true,
        Name = region.Name,
        Type =
        [
            new CodeableConcept { Coding = [new Coding(UnitTypeSystem, RegionType, "Region"), new Coding("http://terminology.hl7.org/CodeSystem/organization-type", "govt", "Government")] },
        ],
        Address = [new Address { Country = "SE" }],
    };
}
