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
/// Starts a symptom assessment: for yourself, for your child (a guardian, for a child under 13), or for an adult who
/// cannot do it themselves (a relative; anonymous: only age and sex, and nobody's record is opened). It can be done
/// without signing in, for yourself or someone else, giving age and sex: the answer then carries a key that reaches it
/// (<see cref="AssessmentSessions.KeyHeader"/>); sending it to a vårdcentral needs signing in. Emergency words in the
/// text end it at once with the 112 advice.
/// </summary>
public sealed class StartAssessment(NaraDbContext db, TriageEngine engine, IResidentDirectory residents, ResidentAccess access,
    AssessmentViews views, TimeProvider time) : IFeature
{
    /// <summary>
    /// <c>For</c>: <c>self</c> (default), <c>child</c> (with <c>ResidentId</c>) or <c>other</c>. Age (years, or
    /// <c>AgeMonths</c> under two) and sex (<c>kvinna</c>, <c>man</c>) for someone else, and for yourself when not signed in.
    /// </summary>
    public sealed record Request(Guid? ResidentId, string? ComplaintId, string? Text, string? For = null, int? Age = null, int? AgeMonths = null, string? Sex = null);

    public async Task<AssessmentView> HandleAsync(Actor? actor, Request request, CancellationToken ct)
    {
        if (actor is { IsResident: false })
        {
            throw ProblemException.Forbidden("En symtombedömning görs av invånaren själv, en vårdnadshavare eller en närstående.");
        }
        if (request.Text is { Length: > 200 })
        {
            throw ProblemException.Invalid("text", "Beskriv besväret med högst 200 tecken.");
        }
        var who = request.For?.Trim().ToLowerInvariant() switch
        {
            null or "" or "self" => request.ResidentId is { } r && actor is not null && r != actor.ResidentId.Value ? AssessmentFor.Child : AssessmentFor.Self,
            "child" => AssessmentFor.Child,
            "other" => AssessmentFor.Other,
            _ => throw ProblemException.Invalid("for", "Ange self (dig själv), child (ditt barn) eller other (någon annan)."),
        };
        if (actor is null && who == AssessmentFor.Child)
        {
            throw new ProblemException(StatusCodes.Status401Unauthorized, "for", "Logga in för att göra en bedömning för ditt barn.");
        }
        var today = Platform.Time.Stockholm.Today(time);
        ResidentId? subjectId = null;
        TriageSubject triageSubject;
        if (actor is not null && who != AssessmentFor.Other)
        {
            if (who == AssessmentFor.Child && request.ResidentId is null)
            {
                throw ProblemException.Invalid("residentId", "Välj vilket barn bedömningen gäller.");
            }
            var id = request.ResidentId is { } r ? new ResidentId(r) : actor.ResidentId;
            var subject = await residents.GetAsync(id, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
            triageSubject = TriageSubject.From(subject.BirthDate, subject.Sex == Nara.Modules.Residents.Contracts.Sex.Kvinna, today);
            subjectId = id;
        }
        else
        {
            if (request.ResidentId is not null)
            {
                throw ProblemException.Invalid("residentId", who == AssessmentFor.Other
                    ? "En bedömning för någon annan är anonym: ange ålder och kön, inte vem det är."
                    : "Logga in för att göra bedömningen för en viss person.");
            }
            triageSubject = TypedSubject(request, who);
        }
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
        if (complaint is not null && !ComplaintSearch.AppliesTo(complaint, triageSubject))
        {
            throw ProblemException.Invalid("complaintId", $"Sökorsaken '{complaint.Title.Sv}' gäller inte för någon i den här åldern. Välj en annan sökorsak.");
        }
        if (subjectId is { } s)
        {
            await access.RequireAsync(actor!, s, AccessRequest.Write(AssessmentSessions.AuditResource), ct);
        }
        var now = time.GetUtcNow();
        string? key = null;
        var assessment = new Assessment
        {
            SubjectId = subjectId,
            AnsweredBy = actor?.Id,
            For = who,
            ComplaintId = complaint?.Id ?? Assessment.EmergencyComplaint,
            KnowledgeVersion = knowledge.Version,
            SearchText = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim(),
            AgeMonths = triageSubject.AgeMonths,
            Sex = triageSubject.Sex,
            StartedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + AssessmentSessions.Idle,
        };
        if (actor is null)
        {
            (key, assessment.KeyHash) = AssessmentSessions.NewKey();
        }
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
        return await views.ViewAsync(assessment, null, ct) with { Key = key };
    }

    // Age and sex as the person answering gives them, for someone else or for yourself when not signed in.
    private static TriageSubject TypedSubject(Request request, AssessmentFor who)
    {
        var errors = new Dictionary<string, string[]>();
        var months = request.AgeMonths is { } m ? m : request.Age is { } y ? y * 12 + 6 : (int?)null;
        if (months is null)
        {
            errors["age"] = [who == AssessmentFor.Other ? "Ange hur gammal personen är." : "Ange hur gammal du är."];
        }
        else if (request.AgeMonths is < 0 or > 24 || request.Age is < 0 or > 120)
        {
            errors["age"] = ["Ange åldern i hela år, 0–120 (för barn under två år: ageMonths, 0–24)."];
        }
        else if (who == AssessmentFor.Self && months < 13 * 12)
        {
            errors["age"] = ["Barn under 13 år bedöms av en vårdnadshavare: välj att bedömningen gäller någon annan, eller logga in."];
        }
        var sex = request.Sex?.Trim().ToLowerInvariant();
        if (sex is not (TriageSubject.Woman or TriageSubject.Man))
        {
            errors["sex"] = ["Ange kön: kvinna eller man (det avgör vissa frågor, till exempel om graviditet)."];
        }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }
        return new TriageSubject(months!.Value, sex!);
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
                var view = await handler.HandleAsync(Actor.FromPrincipal(http.User), request, ct);
                return TypedResults.Created($"/api/triage/assessments/{view.Id}", view);
            })
            .AllowAnonymous()
            .WithWriteLimit()
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Starta en symtombedömning för dig själv, ditt barn (for=child, residentId) eller en vuxen närstående (for=other, age, sex; anonym). Utan inloggning: ange age och sex; svaret har en key som ska skickas i huvudet X-Assessment-Key. Svaret innehåller första frågan, eller resultatet direkt vid ord som betyder fara för livet.");
}
