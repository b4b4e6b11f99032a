using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// The care guarantee at the actor's unit in two numbers: running clocks close to their limit (at risk) and running clocks
/// past it (overdue), for the workday page and other systems. Counts only: no resident is named, so nothing is audited;
/// the names are on the follow-up page.
/// </summary>
[NoAccessCheck("Counts of the clocks at the actor's own unit; no person is read or shown.")]
public sealed class CountUnitClocks(NaraDbContext db, ClockQueries queries) : IFeature
{
    public sealed record Counts(int AtRisk, int Overdue);

    public async Task<Counts> HandleAsync(Actor actor, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet.");
        var today = queries.Today;
        var atRisk = (await queries.AtRiskRowsAsync([unit], ct)).Count;
        var overdue = await db.Set<GuaranteeClock>().AsNoTracking()
            .CountAsync(c => c.UnitId == unit && c.StopDate == null && c.Exemption == null && c.Deadline < today, ct);
        return new Counts(atRisk, overdue);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/care-guarantee/counts", async (HttpContext http, CountUnitClocks handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Vårdgaranti")
            .WithSummary("Vårdgarantin på din enhet: pågående klockor nära gränsen (atRisk) och pågående klockor som passerat den (overdue). Bara antal.");
}
