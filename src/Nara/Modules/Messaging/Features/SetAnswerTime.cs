using Nara.Modules.Messaging.Domain;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// The head of a unit sets the answer time the unit promises for messages, in working days (0: the same working day);
/// the person sees it when they write, and a thread's answer is due by it. Applies to messages written from now on.
/// </summary>
public sealed class SetAnswerTime(NaraDbContext db, TimeProvider time) : IFeature
{
    /// <param name="WorkingDays">0 to 10 working days.</param>
    public sealed record Request(int? WorkingDays);

    public sealed record Response(Guid UnitId, int WorkingDays);

    public async Task<Response> HandleAsync(Actor actor, UnitId unit, Request request, CancellationToken ct)
    {
        if (actor.Role != NaraRoles.Verksamhetschef || actor.Unit != unit)
        {
            throw ProblemException.Forbidden("Det är verksamhetschefen på enheten som bestämmer enhetens svarstid.");
        }
        if (request.WorkingDays is not { } days || days < 0 || days > Threads.MaxAnswerWorkingDays)
        {
            throw ProblemException.Invalid("workingDays", $"Svarstiden ska vara mellan 0 och {Threads.MaxAnswerWorkingDays} arbetsdagar.");
        }
        var row = await db.Set<UnitAnswerTime>().FirstOrDefaultAsync(a => a.UnitId == unit, ct);
        if (row is null)
        {
            row = new UnitAnswerTime { UnitId = unit };
            db.Add(row);
        }
        row.WorkingDays = days;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedByName = actor.Name;
        await db.SaveChangesAsync(ct);
        return new Response(unit.Value, days);
    }

    /// <summary>The unit's answer time now.</summary>
    public async Task<Response> GetAsync(UnitId unit, CancellationToken ct) => new(unit.Value, await Threads.AnswerDaysAsync(db, unit, ct));

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/units/{unitId:guid}/message-answer-time", async (Guid unitId, Request request, HttpContext http, SetAnswerTime handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new UnitId(unitId), request, ct)))
            .RequireAuthorization(NaraPolicies.Verksamhetschef)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Meddelanden")
            .WithSummary("Enhetens utlovade svarstid för meddelanden i arbetsdagar (0–10), satt av verksamhetschefen.");
        endpoints.MapGet("/api/units/{unitId:guid}/message-answer-time", async (Guid unitId, SetAnswerTime handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.GetAsync(new UnitId(unitId), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Meddelanden")
            .WithSummary("Enhetens utlovade svarstid för meddelanden i arbetsdagar.");
    }
}
