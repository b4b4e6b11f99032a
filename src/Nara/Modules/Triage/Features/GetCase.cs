using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Triage.Features;

/// <summary>One case with its frozen summary and messages, for staff at the unit it was sent to.</summary>
public sealed class GetCase(CaseViews cases) : IFeature
{
    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, CancellationToken ct) =>
        await cases.ViewAsync(await cases.LoadAsync(actor, id, AuditAction.Read, ct), ct);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/cases/{id:guid}", async (Guid id, HttpContext http, GetCase handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Ett ärende med invånarens sammanfattning och meddelanden.");
}
