using Nara.Platform.Content;
using System.Globalization;
using Nara.Modules.Coordination.Content;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Api;
using Nara.Platform.Composition;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The care pathways as content (content/pathways): their steps, who owns each, the deadlines and where each comes
/// from, and the sources; for clinicians reviewing the drafts and for partner systems. No personal data.
/// </summary>
public sealed class ListPathways(CarePathways pathways) : IFeature
{
    public sealed record Summary(string Id, string Title, string Status, IReadOnlyList<string> Conditions, int Steps);

    /// <param name="Id">The step.</param>
    /// <param name="Title">Its name.</param>
    /// <param name="Description">What happens.</param>
    /// <param name="CareLevel">Who owns it.</param>
    /// <param name="Profession">Usually taken by, if said.</param>
    /// <param name="Days">Days from <paramref name="From"/> to the deadline.</param>
    /// <param name="From">"start", or the id of the step whose completion starts it.</param>
    /// <param name="AtRiskDays">At risk from this many days before the deadline.</param>
    /// <param name="Source">The source of the step and its time.</param>
    /// <param name="Basis">Where in the source, or that the time is Nära's proposal for clinical review.</param>
    public sealed record Step(string Id, string Title, string Description, CareLevel CareLevel, Organisation.Contracts.Profession? Profession,
        int Days, string From, int AtRiskDays, string Source, string Basis);

    public sealed record Detail(string Id, string Title, string Status, string Summary, IReadOnlyList<string> Conditions, IReadOnlyList<string> Entry,
        IReadOnlyList<Step> Steps, IReadOnlyList<CitedSource> Sources);

    public IReadOnlyList<Summary> List(CultureInfo culture) =>
        pathways.All.Select(p => new Summary(p.Id, p.Title.In(culture), p.Status, p.Conditions, p.Steps.Count)).OrderBy(p => p.Title, StringComparer.Create(culture, false)).ToList();

    public Detail Get(string id, CultureInfo culture)
    {
        var p = pathways.Find(id) ?? throw ProblemException.NotFound("id", "Vårdförloppet finns inte.");
        return new Detail(p.Id, p.Title.In(culture), p.Status, p.Summary.In(culture), p.Conditions, p.Entry.Select(e => e.Text.In(culture)).ToList(),
            p.Steps.Select(s => new Step(s.Id, s.Title.In(culture), s.Description.In(culture), s.Level, s.Profession, s.Days, s.From.Start ? "start" : s.From.Step!,
                s.AtRiskDays, s.BasisSource, s.BasisNote)).ToList(), p.Sources);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/pathways", (ListPathways handler) => TypedResults.Ok(handler.List(CultureInfo.CurrentUICulture)))
            .RequireAuthorization()
            .WithTags("Vårdförlopp")
            .WithSummary("Vårdförloppen som innehåll (content/pathways): id, namn, status (draft = utkast för klinisk granskning), diagnoskoder och antal steg.");
        endpoints.MapGet("/api/pathways/{id}", (string id, ListPathways handler) => TypedResults.Ok(handler.Get(id, CultureInfo.CurrentUICulture)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Vårdförlopp")
            .WithSummary("Ett vårdförlopp: ingångskriterier, steg med vårdnivå, tidsgräns (dagar från start eller från ett tidigare steg), varningsdagar och källa för varje steg.");
    }
}
