using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Content;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The care pathways held by the actor's unit in three numbers: people on a pathway, open steps close to their deadline
/// (at risk) and open steps past it (late), for the workday page and other systems. Counts only: no person is named.
/// </summary>
[NoAccessCheck("Counts of the pathways at the actor's own unit; no person is read out or shown.")]
public sealed class CountPathwaySteps(NaraDbContext db, CarePathways pathways, TimeProvider time) : IFeature
{
    public sealed record Counts(int People, int AtRisk, int Late);

    public async Task<Counts> HandleAsync(Actor actor, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet.");
        var open = await db.Set<PathwayEnrolment>().AsNoTracking().Where(e => e.UnitId == unit && e.EndedAt == null)
            .Select(e => new { e.ResidentId, e.PathwayId, e.EnrolledOn, e.Done }).ToListAsync(ct);
        var today = Stockholm.Today(time);
        int atRisk = 0, late = 0;
        foreach (var e in open)
        {
            if (pathways.Find(e.PathwayId) is not { } pathway)
            {
                continue;
            }
            var done = e.Done.ToDictionary(d => d.StepId, d => d.On, StringComparer.Ordinal);
            foreach (var step in pathway.Steps.Where(s => !done.ContainsKey(s.Id)))
            {
                switch (pathway.StatusOf(step.Id, pathway.DeadlineOf(step.Id, e.EnrolledOn, done), today))
                {
                    case StepStatus.Risk: atRisk++; break;
                    case StepStatus.Sen: late++; break;
                    default: break;
                }
            }
        }
        return new Counts(open.Select(e => e.ResidentId).Distinct().Count(), atRisk, late);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/pathways/counts", async (HttpContext http, CountPathwaySteps handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Vårdförlopp")
            .WithSummary("Vårdförloppen på din enhet: antal personer, öppna steg nära tidsgränsen (atRisk) och öppna steg som passerat den (late). Bara antal.");
}
