using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Persistence;

namespace Nara.Modules.Organisation.Fhir;

public static class OrganisationFhir
{
    /// <summary>Organization, Location, Practitioner and PractitionerRole: the organisation module's FHIR resources.</summary>
    public static IServiceCollection AddOrganisationFhir(this IServiceCollection services) => services
        .AddFhirResource<OrganizationResource>()
        .AddFhirResource<LocationResource>()
        .AddFhirResource<PractitionerResource>()
        .AddFhirResource<PractitionerRoleResource>();

    public static readonly string UnitTypeSystem = FhirSystems.NaraCodeSystem("unit-type");
    public static readonly string ProfessionSystem = FhirSystems.NaraCodeSystem("profession");
    public const string RegionType = "region";

    public static Coding UnitTypeCoding(UnitType type) => new(UnitTypeSystem, type.ToString(), type switch
    {
        UnitType.Vardcentral => "Vårdcentral",
        UnitType.Akutmottagning => "Akutmottagning",
        UnitType.Sjukhusklinik => "Sjukhusklinik",
        UnitType.Vuxenpsykiatri => "Vuxenpsykiatri",
        UnitType.KommunalHemsjukvard => "Kommunal hemsjukvård",
        UnitType.Hemtjanst => "Hemtjänst",
        _ => type.ToString(),
    });

    public static CodeableConcept ProfessionConcept(Profession profession) => new(ProfessionSystem, profession.ToString(), profession switch
    {
        Profession.Lakare => "Läkare",
        Profession.Sjukskoterska => "Sjuksköterska",
        Profession.Psykolog => "Psykolog",
        Profession.Fysioterapeut => "Fysioterapeut",
        Profession.Arbetsterapeut => "Arbetsterapeut",
        Profession.Dietist => "Dietist",
        Profession.Kurator => "Kurator",
        Profession.Underskoterska => "Undersköterska",
        _ => profession.ToString(),
    });

    /// <summary>Kommunkod's first two digits are the county (län) code, which is the region's code.</summary>
    public static string RegionCodeOf(string municipalityCode) => municipalityCode.Length >= 2 ? municipalityCode[..2] : municipalityCode;

    public static string RegionId(string regionCode) => $"region-{regionCode}";

    public static Identifier Hsa(string hsaId) => new(FhirSystems.HsaId, hsaId) { Use = Identifier.IdentifierUse.Official };

    public static bool MatchesHsaToken(FhirToken token) => token.System is null || token.System == FhirSystems.HsaId;

    /// <summary>Units are few (a region has hundreds), so unit searches filter in memory, alike on both engines.</summary>
    internal static async Task<UnitContext> LoadUnitsAsync(NaraDbContext db, CancellationToken ct) => new(
        await db.Set<CareUnit>().AsNoTracking().ToListAsync(ct),
        await db.Set<Municipality>().AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Name, ct),
        await db.Set<Region>().AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, ct));

    internal sealed record UnitContext(List<CareUnit> Units, Dictionary<string, string> Municipalities, Dictionary<string, string> Regions)
    {
        public string? CityOf(CareUnit unit) => Municipalities.GetValueOrDefault(unit.MunicipalityCode);

        public ResourceReference RegionOf(CareUnit unit)
        {
            var code = RegionCodeOf(unit.MunicipalityCode);
            return new ResourceReference($"Organization/{RegionId(code)}", Regions.GetValueOrDefault(code));
        }
    }

    internal static bool ContainsIgnoringCase(string text, string part) => text.Contains(part, StringComparison.CurrentCultureIgnoreCase);

    internal static FhirPage Page<T>(IReadOnlyList<T> matches, FhirSearch search, Func<T, Resource> map) =>
        new(matches.Skip(search.Offset).Take(search.Count).Select(map).ToList(), matches.Count);
}
