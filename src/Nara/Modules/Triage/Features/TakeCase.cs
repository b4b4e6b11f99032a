using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Triage.Features;

/// <summary>A clinician takes a case: it is theirs, and colleagues see who has it.</summary>
public sealed class TakeCase(CaseViews cases, TimeProvider time) : IFeature
{
    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, CancellationToken ct)
    {
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är redan stängt.");
        }
        if (c.AssignedTo is { } other && other != actor.StaffId)
        {
            throw ProblemException.Conflict("id", $"{c.AssignedName} har redan tagit ärendet.");
        }
        if (c.AssignedTo is null)
        {
            c.AssignedTo = actor.StaffId;
            c.AssignedName = actor.Name;
            c.TakenAt = time.GetUtcNow();
            c.Status = CaseStatus.Pagaende;
            await cases.SaveAsync(c, ct);
        }
        return await cases.ViewAsync(c, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/cases/{id:guid}/take", async (Guid id, HttpContext http, TakeCase handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Ta ärendet. 409 om en kollega redan har tagit det.");
}
