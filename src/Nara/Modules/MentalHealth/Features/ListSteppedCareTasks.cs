using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The unit's stepped-care tasks: care needs waiting for their first assessment (by when it is due), and needs on a step
/// long enough to review where the rules now propose stepping up. For staff at the unit; each person listed is audited.
/// </summary>
public sealed class ListSteppedCareTasks(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, SteppedCareContent content,
    IInstrumentScores scores, TimeProvider time) : IFeature
{
    /// <summary>A task; its <c>Kind</c> is FirstAssessment or StepUp.</summary>
    public sealed record Item(Guid EpisodeId, Guid ResidentId, string ResidentName, string Kind, string Text, DateTimeOffset DueAt);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Uppgifterna visas för vårdpersonal som arbetar på en enhet.");
        }
        var now = time.GetUtcNow();
        var review = now.AddDays(-7 * content.StepUpWeeks);
        var open = await db.Set<CareEpisode>().AsNoTracking()
            .Where(e => e.UnitId == unit && e.ClosedAt == null && (e.FirstAssessedAt == null || e.StepSince <= review))
            .OrderBy(e => e.FirstAssessmentDue).Take(200).ToListAsync(ct);
        var items = new List<(CareEpisode Episode, string Kind, string Text, DateTimeOffset Due)>();
        foreach (var e in open)
        {
            if (e.FirstAssessedAt is null)
            {
                items.Add((e, "FirstAssessment", $"Första bedömning: {e.Reason}", e.FirstAssessmentDue));
            }
            else if (items.Count(i => i.Kind == "StepUp") < 50)
            {
                var proposal = await MentalHealthRecords.ProposalAsync(scores, content, e, await access.HiddenUnitsAsync(actor, e.ResidentId, ct), now, ct);
                if (proposal.StepUp && content.Step(proposal.Step) is { } next)
                {
                    items.Add((e, "StepUp", $"Ingen respons: föreslå {next.Name.Sv}", e.StepSince!.Value.AddDays(7 * content.StepUpWeeks)));
                }
            }
        }
        if (items.Count == 0)
        {
            return [];
        }
        var names = await residents.GetManyAsync(items.Select(i => i.Episode.ResidentId).Distinct().ToList(), ct);
        await access.AuditUnitListAsync(actor, items.Select(i => i.Episode.ResidentId), MentalHealthRecords.CareResource, AuditAction.Read, "Enhetens uppgifter i stegvis vård", ct);
        return items.Select(i => new Item(i.Episode.Id.Value, i.Episode.ResidentId.Value, names.TryGetValue(i.Episode.ResidentId, out var r) ? r.Name : "–", i.Kind, i.Text, i.Due)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/stepped-care/tasks", async (HttpContext http, ListSteppedCareTasks handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Psykisk hälsa")
            .WithSummary("Enhetens uppgifter i stegvis vård: första bedömningar som väntar och steg där förslaget är att stega upp.");
}
