using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// Staff at the unit close a thread when the matter is done; the person reads it still but writes a new one to go on.
/// A triage case's conversation closes with the case, not here. Audited.
/// </summary>
public sealed class CloseThread(NaraDbContext db, ResidentAccess access, MessagingNotifier notifier, TimeProvider time) : IFeature
{
    public async Task HandleAsync(Actor actor, ThreadId id, CancellationToken ct)
    {
        var (thread, grant) = await Threads.OpenAsync(db, access, actor, id, AuditAction.Write, ct);
        if (actor.IsResident)
        {
            throw ProblemException.Forbidden("Det är enheten som avslutar tråden.");
        }
        if (thread.Origin is not null)
        {
            throw ProblemException.Conflict("id", "Tråden hör till ett ärende från En väg in och avslutas med ärendet.");
        }
        if (thread.Status == ThreadStatus.Avslutad)
        {
            throw ProblemException.Conflict("id", "Tråden är redan avslutad.");
        }
        thread.Close(actor.Name, time.GetUtcNow());
        await Threads.SaveAsync(db, grant, "Avslutade tråden", ct);
        await notifier.ThreadChangedAsync(thread);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/messages/threads/{id:guid}/close", async (Guid id, HttpContext http, CloseThread handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ThreadId(id), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Meddelanden")
            .WithSummary("Avsluta tråden när ärendet är klart (personal på enheten).");
}
