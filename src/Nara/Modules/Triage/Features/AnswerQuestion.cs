using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Answers the current question, or changes an earlier answer (the answers after it are dropped, since they were asked
/// in another context). Returns the next question or the result.
/// </summary>
public sealed class AnswerQuestion(NaraDbContext db, TriageEngine engine, AssessmentSessions sessions, AssessmentViews views, TimeProvider time) : IFeature
{
    public sealed record Request(string? QuestionId, string? Value);

    public async Task<AssessmentView> HandleAsync(Actor? actor, AssessmentId id, Request request, CancellationToken ct, string? key = null)
    {
        if (string.IsNullOrWhiteSpace(request.QuestionId))
        {
            throw ProblemException.Invalid("questionId", "Ange vilken fråga svaret gäller.");
        }
        var assessment = await sessions.LoadAsync(actor, id, AuditAction.Write, ct, key);
        if (assessment.ComplaintId == Assessment.EmergencyComplaint)
        {
            throw ProblemException.Conflict("id", "Den här bedömningen har inga frågor: ring 112.");
        }
        // Only a finished assessment can have been sent.
        if (assessment.Status == AssessmentStatus.Klar && await sessions.CaseOfAsync(id, ct) is not null)
        {
            throw ProblemException.Conflict("id", "Bedömningen är redan skickad till vårdcentralen och kan inte ändras.");
        }
        sessions.Touch(assessment);
        var complaint = engine.Knowledge.Find(assessment.ComplaintId)
            ?? throw ProblemException.Gone("Sökorsaken finns inte längre. Börja om med en ny bedömning.");
        var answers = assessment.Answers;
        var given = answers.ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal);
        var step = engine.Next(complaint, assessment.Subject, given);
        var earlier = answers.FindIndex(a => a.QuestionId == request.QuestionId);
        if (earlier < 0 && step.Next?.Id != request.QuestionId)
        {
            throw ProblemException.Invalid("questionId", step.Next is null
                ? $"Frågan '{request.QuestionId}' har inte ställts; bedömningen är klar."
                : $"Frågan '{request.QuestionId}' har inte ställts. Nästa fråga är '{step.Next.Id}'.");
        }
        var question = engine.FindQuestion(complaint, request.QuestionId)!;
        var value = TriageEngine.Normalise(question, request.Value, out var problem)
            ?? throw ProblemException.Invalid("value", problem!);
        if (earlier >= 0)
        {
            answers.RemoveRange(earlier, answers.Count - earlier);
        }
        answers.Add(new GivenAnswer(question.Id, value));
        assessment.Answers = answers;
        Settle(assessment, complaint);
        await db.SaveChangesAsync(ct);
        return await views.ViewAsync(assessment, null, ct);
    }

    /// <summary>Marks the assessment done or not done after its answers changed.</summary>
    internal void Settle(Assessment assessment, Complaint complaint)
    {
        var step = engine.Next(complaint, assessment.Subject, assessment.Answers.ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal));
        if (step.Outcome is { } outcome)
        {
            StartAssessment.Complete(assessment, outcome.Urgency, outcome.CareLevel, outcome.Channel, outcome.Rule.Id, time.GetUtcNow());
        }
        else
        {
            assessment.Status = AssessmentStatus.Pagaende;
            assessment.Urgency = null;
            assessment.CareLevel = null;
            assessment.Channel = null;
            assessment.RuleId = null;
            assessment.CompletedAt = null;
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/assessments/{id:guid}/answers", async (Guid id, Request request, HttpContext http, AnswerQuestion handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User), new AssessmentId(id), request, ct, http.Request.Headers[AssessmentSessions.KeyHeader])))
            .AllowAnonymous()
            .WithWriteLimit()
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Svara på den aktuella frågan, eller ändra ett tidigare svar. Ja/nej-frågor besvaras ja, nej eller vet_inte; val med alternativets id; tal med punkt eller komma; tider som 3 dagar, 2 veckor eller 1 år; tal och tider kan också besvaras vet_inte.");
}
