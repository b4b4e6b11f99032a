using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// A member of staff opens a care need for low mood, worry or anxiety at their unit (after a conversation, without a
/// score): the fast first assessment's clock starts (the content's days). One open need per person and unit. Audited.
/// </summary>
public sealed class OpenCareEpisode(NaraDbContext db, ResidentAccess access, SteppedCareContent content, TimeProvider time) : IFeature
{
    /// <param name="Reason">Why (at most 400 characters); by default "Öppnat av personal".</param>
    public sealed record Request(string? Reason);

    public sealed record Response(Guid Id, DateTimeOffset FirstAssessmentDue);

    public async Task<Response> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var reason = InputText.Optional(request.Reason, "reason", 400, "Anledningen") ?? "Öppnat av personal";
        var unit = MentalHealthRecords.UnitOf(actor);
        var grant = await access.RequireAsync(actor, resident, MentalHealthRecords.StaffWrite(MentalHealthRecords.CareResource, null, "Personen finns inte."), ct);
        if (await db.Set<CareEpisode>().AnyAsync(e => e.ResidentId == resident && e.UnitId == unit && e.ClosedAt == null, ct))
        {
            throw ProblemException.Conflict("id", "Personen har redan ett öppet vårdbehov för psykisk ohälsa på enheten.");
        }
        var now = time.GetUtcNow();
        var episode = Open(resident, unit, actor.Name, reason, now, content);
        db.Add(episode);
        await MentalHealthRecords.SaveAsync(db, grant, "Vårdbehov öppnat; klockan för första bedömning startad",
            "Vårdbehovet öppnades just av någon annan. Ladda om sidan.", ct);
        return new Response(episode.Id.Value, episode.FirstAssessmentDue);
    }

    /// <summary>A new care need with its first assessment's clock.</summary>
    public static CareEpisode Open(ResidentId resident, UnitId unit, string by, string reason, DateTimeOffset now, SteppedCareContent content) => new()
    {
        ResidentId = resident, UnitId = unit, OpenedAt = now, OpenedBy = by, Reason = reason, FirstAssessmentDue = now.AddDays(content.FirstAssessmentDays),
    };

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/stepped-care", async (Guid residentId, Request request, HttpContext http, OpenCareEpisode handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Öppna ett vårdbehov för psykisk ohälsa på din enhet (reason). Klockan för en snabb första bedömning startar.");
}
