using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Modules.Messaging.Contracts;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Staff answer a case with a message to the resident. The first answer is the case's first contact (the care
/// guarantee's same-day contact is measured from the case to it).
/// </summary>
public sealed class ReplyToCase(CaseViews cases, IMessageThreads threads) : IFeature
{
    public sealed record Request(string? Text);

    /// <summary>
    /// The message goes into the case's thread (Messaging), whose transaction carries what follows for the case
    /// (<see cref="CaseFollowsThread"/>): the first contact, the case taken, the answer's notice and clocks.
    /// </summary>
    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        var text = CaseViews.MessageText(request.Text, 4000, "Skriv ett meddelande till patienten.");
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är stängt.");
        }
        await threads.PostAsync(actor, c.ThreadId, text, [], ct);
        return await cases.ViewAsync(c, ct);
    }

    /// <summary>Records care's first answer, and takes the case for the one answering if nobody had.</summary>
    internal static void Contact(TriageCase c, Actor actor, DateTimeOffset now)
    {
        c.FirstContactAt ??= now;
        c.ResidentRepliedAt = null;
        if (c.AssignedTo is null)
        {
            c.AssignedTo = actor.StaffId;
            c.AssignedName = actor.Name;
            c.TakenAt = now;
        }
        c.Status = CaseStatus.Pagaende;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/cases/{id:guid}/messages", async (Guid id, Request request, HttpContext http, ReplyToCase handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithWriteLimit().WithSummary("Svara patienten med ett meddelande.");
}
