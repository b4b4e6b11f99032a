using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Triage.Features;

/// <summary>The assessment's current question with progress, or its result.</summary>
public sealed class GetAssessment(AssessmentSessions sessions, AssessmentViews views) : IFeature
{
    public async Task<AssessmentView> HandleAsync(Actor? actor, AssessmentId id, CancellationToken ct, string? key = null)
    {
        var assessment = await sessions.LoadAsync(actor, id, AuditAction.Read, ct, key);
        return await views.ViewAsync(assessment, assessment.Status == Domain.AssessmentStatus.Klar ? await sessions.CaseOfAsync(id, ct) : null, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/assessments/{id:guid}", async (Guid id, HttpContext http, GetAssessment handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User), new AssessmentId(id), ct, http.Request.Headers[AssessmentSessions.KeyHeader])))
            .AllowAnonymous()
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Hämta nästa fråga (med hur långt man kommit) eller resultatet. En bedömning gjord utan inloggning nås med dess nyckel i huvudet X-Assessment-Key.");
}
