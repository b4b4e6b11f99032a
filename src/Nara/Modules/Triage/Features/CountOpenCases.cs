using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// How many cases are open in the unit's inbox, by the urgency the assessment gave, the most urgent first: for the workday
/// page and for other systems. Counts only, so nobody's personal data is read (and nothing to audit).
/// </summary>
[NoAccessCheck("Counts of open cases at the actor's own unit by urgency; no person is read or shown.")]
public sealed class CountOpenCases(NaraDbContext db) : IFeature
{
    public sealed record UrgencyCount(Urgency Urgency, int Count);

    public sealed record Counts(int Open, int New, IReadOnlyList<UrgencyCount> ByUrgency);

    public async Task<Counts> HandleAsync(Actor actor, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att se dess inkorg.");
        var rows = await db.Set<TriageCase>().AsNoTracking().Where(c => c.UnitId == unit && c.Status != CaseStatus.Stangd)
            .GroupBy(c => new { c.EngineUrgency, c.Status }).Select(g => new { g.Key.EngineUrgency, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var byUrgency = Enum.GetValues<Urgency>().OrderByDescending(u => (int)u)
            .Select(u => new UrgencyCount(u, rows.Where(r => r.EngineUrgency == u).Sum(r => r.Count))).ToList();
        return new Counts(rows.Sum(r => r.Count), rows.Where(r => r.Status == CaseStatus.Ny).Sum(r => r.Count), byUrgency);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/inbox/counts", async (HttpContext http, CountOpenCases handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Antal öppna ärenden i din enhets inkorg, per angelägenhetsgrad (mest brådskande först). Bara antal, inga personuppgifter.");
}
