using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// Ends a programme before it is done (the person does not want to go on, or the care moves to another step): it takes
/// no more homework and its conversation closes. Staff at the unit or the person; audited.
/// </summary>
public sealed class EndSelfHelp(NaraDbContext db, ResidentAccess access, IMessageThreads threads, TimeProvider time) : IFeature
{
    public async Task HandleAsync(Actor actor, EnrolmentId id, CancellationToken ct)
    {
        var enrolment = await SelfHelpViews.FindAsync(db, id, ct);
        var grant = await access.RequireAsync(actor, enrolment.ResidentId, AccessRequest.Write(MentalHealthRecords.SelfHelpResource).AtUnitRecord(enrolment.UnitId) with
        {
            HiddenAs = ("id", SelfHelpViews.NotFound),
            AuditWhenDone = true,
        }, ct);
        if (enrolment.EndedAt is not null)
        {
            throw ProblemException.Conflict("id", "Programmet är redan avslutat.");
        }
        var now = time.GetUtcNow();
        enrolment.EndedAt = now;
        enrolment.EndedBy = actor.Name;
        enrolment.ConcurrencyToken++;
        await threads.CloseAsync(enrolment.ThreadId, actor, now, ct);
        await MentalHealthRecords.SaveAsync(db, grant, "Självhjälpsprogram avslutat", "Programmet ändrades just. Ladda om sidan.", ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/self-help/{id:guid}/end", async (Guid id, HttpContext http, EndSelfHelp handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new EnrolmentId(id), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Avsluta ett självhjälpsprogram i förtid. Samtalet stängs.");
}
