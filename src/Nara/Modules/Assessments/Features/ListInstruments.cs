using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Composition;
using Nara.Platform.Content;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// The instruments Nära scores (<c>GET /api/instruments</c>) and one in full (<c>GET /api/instruments/{id}</c>): items,
/// answers with their points, scales with their bands, alerts, licence and sources, in Swedish and English. Content, no
/// personal data: any signed-in user may read it.
/// </summary>
[NoAccessCheck("The instruments as content (items, points, bands and sources); no person is read or shown.")]
public sealed class ListInstruments(InstrumentCatalog catalog) : IFeature
{
    public sealed record Summary(string Id, string Version, string Status, Bilingual Name, int Items, IReadOnlyList<string> Scales);

    public IReadOnlyList<Summary> Handle() =>
        catalog.Instruments.Values.Select(i => new Summary(i.Id, i.Version, i.Status, i.Name, i.Items.Count, i.Scales.Select(s => s.Id).ToList())).ToList();

    public Instrument? Find(string id) => catalog.Find(id);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/instruments", (ListInstruments handler) => Results.Ok(handler.Handle()))
            .RequireAuthorization()
            .WithTags("Skattningsformulär")
            .WithSummary("De validerade formulär Nära poängsätter (PHQ-9, GAD-7 …).");
        endpoints.MapGet("/api/instruments/{id}", (string id, ListInstruments handler) =>
                handler.Find(id) is { } instrument ? Results.Ok(instrument) : Problems.NotFound("Formuläret"))
            .RequireAuthorization()
            .WithTags("Skattningsformulär")
            .WithSummary("Ett formulär i sin helhet: frågor, svar med poäng, skalor med gränser, larm, licens och källor.");
    }
}
