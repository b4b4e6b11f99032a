using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox.Features;

/// <summary>
/// The notification centre's badge: how many messages sent to the resident (and to the children they act for) they have
/// not yet opened in Nära. A count, read on every page a resident opens, so no audit event (the messages themselves
/// are audited when listed).
/// </summary>
[NoAccessCheck("A count of the signed-in resident's own unread messages (and their children's, by the guardian rule); nothing is shown but the number.")]
public sealed class CountUnreadMessages(NaraDbContext db, IResidentDirectory residents, ResidentAccess access) : IFeature
{
    public sealed record Unread(int Count);

    public async Task<Unread> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsResident)
        {
            throw ProblemException.Forbidden("Bara invånare har meddelanden i Nära.");
        }
        var ids = (await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(ListMessages.AuditResource), ct)).Select(p => p.Person.Id).ToList();
        return new Unread(await db.Set<OutboxMessage>().AsNoTracking()
            .CountAsync(m => ids.Contains(m.Recipient) && m.Status == OutboxStatus.Sent && m.ReadAt == null, ct));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me/messages/unread", async (HttpContext http, CountUnreadMessages handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("Mina sidor")
            .WithSummary("Antal olästa meddelanden till dig (och dina barn under 13 år).");
}
