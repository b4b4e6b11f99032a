using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using static Nara.Modules.Organisation.Fhir.OrganisationFhir;

namespace Nara.Modules.Organisation.Fhir;

/// <summary>One Location per care unit, with the same id as the unit's Organization. Any signed-in user.</summary>
internal sealed class LocationResource(NaraDbContext db) : IFhirResourceHandler, IFhirResourceDefinition
{
    public static string ResourceType => "Location";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("name", SearchParamType.String, "Del av namnet, utan hänsyn till versaler."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var unitId = FhirIds.Parse<UnitId>(ResourceType, id);
        var context = await LoadUnitsAsync(db, ct);
        var unit = context.Units.FirstOrDefault(u => u.Id == unitId) ?? throw FhirException.NotFound(ResourceType, id);
        return ToLocation(unit, context);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var context = await LoadUnitsAsync(db, ct);
        IEnumerable<CareUnit> units = context.Units;
        if (search.Text("name") is { } name)
        {
            units = units.Where(u => ContainsIgnoringCase(u.Name, name));
        }
        var matches = units.OrderBy(u => u.Name, StringComparer.CurrentCulture).ThenBy(u => u.HsaId, StringComparer.Ordinal).ToList();
        return Page(matches, search, u => ToLocation(u, context));
    }

    private static Location ToLocation(CareUnit unit, UnitContext context)
    {
        var location = new Location
        {
            Id = FhirIds.Of(unit.Id),
            Status = Location.LocationStatus.Active,
            Mode = Location.LocationMode.Instance,
            Name = unit.Name,
            Identifier = [Hsa(unit.HsaId)],
            ManagingOrganization = FhirIds.Reference("Organization", unit.Id, unit.Name),
            Address = new Address { City = context.CityOf(unit), Country = "SE" },
        };
        // Hours that do not parse are left out rather than guessed; content validation reports them at start-up.
        if (OpeningHours.TryParse(unit.OpeningHours, out var spans, out _))
        {
            location.HoursOfOperation = spans
                .GroupBy(s => (s.Opens, s.Closes))
                .Select(g => new Location.HoursOfOperationComponent
                {
                    DaysOfWeek = g.Select(s => (DaysOfWeek?)ToFhir(s.Day)).ToList(),
                    OpeningTime = g.Key.Opens.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                    ClosingTime = g.Key.Closes.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                })
                .ToList();
        }
        return location;
    }

    private static DaysOfWeek ToFhir(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => DaysOfWeek.Mon,
        DayOfWeek.Tuesday => DaysOfWeek.Tue,
        DayOfWeek.Wednesday => DaysOfWeek.Wed,
        DayOfWeek.Thursday => DaysOfWeek.Thu,
        DayOfWeek.Friday => DaysOfWeek.Fri,
        DayOfWeek.Saturday => DaysOfWeek.Sat,
        _ => DaysOfWeek.Sun,
    };
}
