using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// A resident (or a guardian for a child under 13) starts a symptom assessment for a complaint. Emergency words in the
/// text they typed end it at once with the 112 advice.
/// </summary>
public sealed class StartAssessment(NaraDbContext db, TriageEngine engine, IResidentDirectory residents, ResidentAccess access,
    AssessmentViews views, TimeProvider time) : IFeature
{
    public sealed record Request(Guid? ResidentId, string? ComplaintId, string? Text);

    public async Task<AssessmentView> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        if (!actor.IsResident)
        {
            throw ProblemException.Forbidden("En symtombedömning görs av invånaren själv eller av en vårdnadshavare.");
        }
        if (request.Text is { Length: > 200 })
        {
            throw ProblemException.Invalid("text", "Beskriv besväret med högst 200 tecken.");
        }
        var subjectId = request.ResidentId is { } r ? new ResidentId(r) : actor.ResidentId;
        var subject = await residents.GetAsync(subjectId, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
        var knowledge = engine.Knowledge;
        var emergency = request.Text is { } text ? ComplaintSearch.Emergency(knowledge, text) : null;
        Complaint? complaint = null;
        if (emergency is null)
        {
            if (string.IsNullOrWhiteSpace(request.ComplaintId))
            {
                throw ProblemException.Invalid("complaintId", "Välj vad besväret gäller (sökorsak).");
            }
            complaint = knowledge.Find(request.ComplaintId)
                ?? throw ProblemException.NotFound("complaintId", $"Sökorsaken '{request.ComplaintId}' finns inte.");
        }
        var today = Platform.Time.Stockholm.Today(time);
        var triageSubject = TriageSubject.From(subject.BirthDate, subject.Sex == Sex.Kvinna, today);
        if (complaint is not null && !ComplaintSearch.AppliesTo(complaint, triageSubject))
        {
            throw ProblemException.Invalid("complaintId", $"Sökorsaken '{complaint.Title.Sv}' gäller inte för någon i den här åldern. Välj en annan sökorsak.");
        }
        await access.RequireAsync(actor, subjectId, AccessRequest.Write(AssessmentSessions.AuditResource), ct);
        var now = time.GetUtcNow();
        var assessment = new Assessment
        {
            SubjectId = subjectId,
            AnsweredBy = actor.Id,
            ComplaintId = complaint?.Id ?? Assessment.EmergencyComplaint,
            KnowledgeVersion = knowledge.Version,
            SearchText = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim(),
            AgeMonths = triageSubject.AgeMonths,
            Sex = triageSubject.Sex,
            StartedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + AssessmentSessions.Idle,
        };
        if (complaint is null)
        {
            Complete(assessment, Urgency.Ring112, TriageCareLevel.Akutmottagning, TriageChannel.Telefon, "emergency-words", now);
        }
        else if (engine.Next(complaint, triageSubject, new Dictionary<string, string>()).Outcome is { } outcome)
        {
            Complete(assessment, outcome.Urgency, outcome.CareLevel, outcome.Channel, outcome.Rule.Id, now);
        }
        db.Add(assessment);
        await db.SaveChangesAsync(ct);
        return views.View(assessment, null);
    }

    internal static void Complete(Assessment assessment, Urgency urgency, TriageCareLevel level, TriageChannel channel, string ruleId, DateTimeOffset now)
    {
        assessment.Status = AssessmentStatus.Klar;
        assessment.Urgency = urgency;
        assessment.CareLevel = level;
        assessment.Channel = channel;
        assessment.RuleId = ruleId;
        assessment.CompletedAt = now;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/assessments", async (Request request, HttpContext http, StartAssessment handler, CancellationToken ct) =>
            {
                var view = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request, ct);
                return TypedResults.Created($"/api/triage/assessments/{view.Id}", view);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Starta en symtombedömning för dig själv eller ditt barn. Svaret innehåller första frågan, eller resultatet direkt vid ord som betyder fara för livet.");
}
