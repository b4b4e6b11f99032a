using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// The resident (or the guardian who acts for the child) answers on an open case: the message joins the case, and the
/// inbox shows the case as answered by the patient until care writes again.
/// </summary>
public sealed class ReplyAsResident(NaraDbContext db, CaseViews cases, TimeProvider time) : IFeature
{
    public sealed record Request(string? Text);

    public async Task<MessageView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        var text = CaseViews.MessageText(request.Text, 2000, "Skriv ett meddelande till vårdcentralen.");
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är avslutat. Gör en ny bedömning om du behöver hjälp igen.");
        }
        var now = time.GetUtcNow();
        var message = new CaseMessage { CaseId = c.Id, FromStaff = false, AuthorId = actor.Id, AuthorName = actor.Name, Text = text, At = now };
        db.Add(message);
        c.ResidentRepliedAt = now;
        await cases.SaveAsync(c, ct);
        return new MessageView(false, message.AuthorName, message.Text, message.At);
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
