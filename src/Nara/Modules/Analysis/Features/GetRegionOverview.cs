using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Time;

namespace Nara.Modules.Analysis.Features;

/// <summary>
/// The region at a glance for leadership and analysts: population by municipality, age and sex, and the units with
/// their listed populations. Aggregates only; cells are counts, never individuals.
/// </summary>
public sealed class GetRegionOverview(IPopulationStatistics population, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    public const int BandWidth = 10;

    public sealed record MunicipalityRow(string Code, string Name, int Women, int Men, int Total, double ShareOfRegion);

    public sealed record AgeBand(string Label, int From, int? To, int Women, int Men);

    public sealed record UnitRow(Guid Id, string Name, UnitType Type, string MunicipalityName, int Listed);

    public sealed record Overview(int Total, IReadOnlyList<MunicipalityRow> Municipalities, IReadOnlyList<AgeBand> AgeBands, IReadOnlyList<UnitRow> Units, string? Municipality);

    public async Task<Overview> HandleAsync(string? municipality, CancellationToken ct)
    {
        var today = Stockholm.Today(time);
        var cells = await population.ByMunicipalitySexBirthYearAsync(ct);
        var names = await organisation.MunicipalityNamesAsync(ct);
        var total = cells.Sum(c => c.Count);
        var municipalities = cells.GroupBy(c => c.MunicipalityCode)
            .Select(g => new MunicipalityRow(g.Key, names.GetValueOrDefault(g.Key, g.Key),
                g.Where(c => c.Sex == Sex.Kvinna).Sum(c => c.Count), g.Where(c => c.Sex == Sex.Man).Sum(c => c.Count), g.Sum(c => c.Count),
                total == 0 ? 0 : (double)g.Sum(c => c.Count) / total))
            .OrderByDescending(m => m.Total).ToList();
        var selected = municipality is null ? cells : cells.Where(c => c.MunicipalityCode == municipality).ToList();
        // Age at the end of this year from the birth year: exact enough for ten-year bands.
        var bands = Enumerable.Range(0, 10).Select(i =>
        {
            var from = i * BandWidth;
            int? to = i == 9 ? null : from + BandWidth - 1;
            var inBand = selected.Where(c => today.Year - c.BirthYear >= from && (to is null || today.Year - c.BirthYear <= to)).ToList();
            return new AgeBand(to is null ? $"{from}+" : $"{from}–{to}", from, to,
                inBand.Where(c => c.Sex == Sex.Kvinna).Sum(c => c.Count), inBand.Where(c => c.Sex == Sex.Man).Sum(c => c.Count));
        }).ToList();
        var listed = await population.ListedByUnitAsync(ct);
        var units = (await organisation.ListUnitsAsync(UnitType.Vardcentral, ct))
            .Where(u => municipality is null || u.MunicipalityCode == municipality)
            .Select(u => new UnitRow(u.Id.Value, u.Name, u.Type, names.GetValueOrDefault(u.MunicipalityCode, u.MunicipalityCode), listed.GetValueOrDefault(u.Id)))
            .OrderByDescending(u => u.Listed).ToList();
        return new Overview(total, municipalities, bands, units, municipality);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/analysis/region", async (string? municipality, GetRegionOverview handler, IOrganisationDirectory organisation, CancellationToken ct) =>
            {
                if (municipality is not null && !(await organisation.MunicipalityNamesAsync(ct)).ContainsKey(municipality))
                {
                    return Problems.Invalid("municipality", $"Okänd kommunkod '{municipality}'.");
                }
                return Results.Ok(await handler.HandleAsync(municipality, ct));
            })
            .RequireAuthorization(NaraPolicies.Analytiker)
            .WithTags("Analys")
            .WithSummary("Regionens befolkning per kommun, ålder och kön, och vårdcentralernas listade invånare.");
}
