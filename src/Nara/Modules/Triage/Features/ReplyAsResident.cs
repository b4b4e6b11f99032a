using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Modules.Messaging.Contracts;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// The resident (or the guardian who acts for the child) answers on an open case: the message joins the case, and the
/// inbox shows the case as answered by the patient until care writes again.
/// </summary>
public sealed class ReplyAsResident(CaseViews cases, IMessageThreads threads) : IFeature
{
    public sealed record Request(string? Text);

    /// <summary>The message goes into the case's thread; <see cref="CaseFollowsThread"/> marks the case answered by the patient.</summary>
    public async Task<ThreadMessageView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        var text = CaseViews.MessageText(request.Text, 2000, "Skriv ett meddelande till vårdcentralen.");
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är avslutat. Gör en ny bedömning om du behöver hjälp igen.");
        }
        return await threads.PostAsync(actor, c.ThreadId, text, [], ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/my-cases/{id:guid}/messages", async (Guid id, Request request, HttpContext http, ReplyAsResident handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("En väg in")
            .WithSummary("Svara vårdcentralen i ett öppet ärende (invånaren eller vårdnadshavaren).");
}
