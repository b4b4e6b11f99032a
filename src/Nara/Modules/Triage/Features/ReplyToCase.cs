using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Staff answer a case with a message to the resident. The first answer is the case's first contact (the care
/// guarantee's same-day contact is measured from the case to it).
/// </summary>
public sealed class ReplyToCase(NaraDbContext db, CaseViews cases, DomainEvents events, TimeProvider time) : IFeature
{
    public sealed record Request(string? Text);

    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        var text = CaseViews.MessageText(request.Text, 4000, "Skriv ett meddelande till patienten.");
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är stängt.");
        }
        var now = time.GetUtcNow();
        Contact(c, actor, now);
        db.Add(new CaseMessage { CaseId = c.Id, FromStaff = true, AuthorId = actor.Id, AuthorName = actor.Name, Text = text, At = now });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await cases.SaveAsync(c, ct);
        await events.PublishAsync(new TriageCaseAnswered(c.Id, c.ResidentId, c.UnitId, now, actor.StaffId, actor.Profession, null, null), ct);
        await transaction.CommitAsync(ct);
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
