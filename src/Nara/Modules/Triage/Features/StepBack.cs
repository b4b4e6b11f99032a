using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>Goes back one question: the last answer is taken back and that question is asked again.</summary>
public sealed class StepBack(NaraDbContext db, TriageEngine engine, AssessmentSessions sessions, AssessmentViews views, AnswerQuestion answering) : IFeature
{
    public async Task<AssessmentView> HandleAsync(Actor? actor, AssessmentId id, CancellationToken ct, string? key = null)
    {
        var assessment = await sessions.LoadAsync(actor, id, AuditAction.Write, ct, key);
        // Only a finished assessment can have been sent.
        if (assessment.Status == AssessmentStatus.Klar && await sessions.CaseOfAsync(id, ct) is not null)
        {
            throw ProblemException.Conflict("id", "Bedömningen är redan skickad till vårdcentralen och kan inte ändras.");
        }
        var complaint = engine.Knowledge.Find(assessment.ComplaintId);
        var answers = assessment.Answers;
        if (complaint is null || answers.Count == 0)
        {
            throw ProblemException.Conflict("id", "Det finns inget svar att gå tillbaka till.");
        }
        sessions.Touch(assessment);
        answers.RemoveAt(answers.Count - 1);
        assessment.Answers = answers;
        answering.Settle(assessment, complaint);
        await db.SaveChangesAsync(ct);
        return await views.ViewAsync(assessment, null, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/assessments/{id:guid}/back", async (Guid id, HttpContext http, StepBack handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User), new AssessmentId(id), ct, http.Request.Headers[AssessmentSessions.KeyHeader])))
            .AllowAnonymous()
            .WithWriteLimit()
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Gå tillbaka en fråga.");
}
