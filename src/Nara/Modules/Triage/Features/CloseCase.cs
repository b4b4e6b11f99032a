using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Closes a case with the clinician's own urgency assessment; engine and clinician agreement is kept per case and
/// summed per complaint by <see cref="GetTriageAgreement"/>.
/// </summary>
public sealed class CloseCase(CaseViews cases, Messaging.Contracts.IMessageThreads threads, TimeProvider time) : IFeature
{
    public sealed record Request(Urgency? Urgency, string? Note);

    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        if (request.Urgency is not { } urgency || !Enum.IsDefined(urgency))
        {
            throw ProblemException.Invalid("urgency", "Ange din egen bedömning av hur brådskande det var.");
        }
        if (request.Note is { Length: > 2000 })
        {
            throw ProblemException.Invalid("note", "Anteckningen får vara högst 2000 tecken.");
        }
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är redan stängt.");
        }
        var now = time.GetUtcNow();
        c.ClinicianUrgency = urgency;
        c.ClosingNote = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        c.ClosedAt = now;
        c.Status = CaseStatus.Stangd;
        if (c.AssignedTo is null)
        {
            c.AssignedTo = actor.StaffId;
            c.AssignedName = actor.Name;
            c.TakenAt = now;
        }
        await threads.CloseAsync(c.ThreadId, actor, now, ct);
        await cases.SaveAsync(c, ct);
        return await cases.ViewAsync(c, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/cases/{id:guid}/close", async (Guid id, Request request, HttpContext http, CloseCase handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Stäng ärendet med din egen bedömning av angelägenhetsgraden (Ring112, AkutNu, VardIdag, VardInomDagar, Egenvard).");
}
