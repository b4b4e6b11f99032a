using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
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
/// "Skicka till min vårdcentral": creates a case at the unit where the person is listed, carrying the full structured
/// summary (complaint, every answer with its question, urgency, reasons), so nobody has to ask again.
/// One case per assessment, enforced by a unique index; the case and its audit event commit together.
/// </summary>
public sealed class SendToUnit(NaraDbContext db, Messaging.Contracts.IMessageThreads threads, TriageEngine engine, IResidentDirectory residents, AssessmentSessions sessions,
    AssessmentViews views, ResidentAccess access, AnswerQuestion answering, DomainEvents events, TimeProvider time) : IFeature
{
    public sealed record Request(string? Message);

    public sealed record Response(Guid CaseId, Guid UnitId);

    public async Task<Response> HandleAsync(Actor actor, AssessmentId id, Request request, CancellationToken ct, string? key = null)
    {
        var assessment = await LoadSendableAsync(actor, id, request.Message, key, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var triageCase = await OpenCaseAsync(actor, assessment, request.Message, ct);
        await transaction.CommitAsync(ct);
        return new Response(triageCase.Id.Value, triageCase.UnitId.Value);
    }

    /// <summary>The assessment, when it may be sent: finished, not an emergency, about the signed-in resident or their child.</summary>
    internal async Task<Assessment> LoadSendableAsync(Actor actor, AssessmentId id, string? message, string? key, CancellationToken ct)
    {
        if (message is { Length: > 2000 })
        {
            throw ProblemException.Invalid("message", "Meddelandet får vara högst 2000 tecken.");
        }
        var assessment = await sessions.LoadAsync(actor, id, AuditAction.Write, ct, key);
        if (assessment.For == AssessmentFor.Other)
        {
            throw ProblemException.Conflict("id", "En bedömning för någon annan kan inte skickas till vårdcentralen. Personen, eller den som är hens ställföreträdare, kan kontakta sin vårdcentral eller ringa 1177.");
        }
        if (assessment.SubjectId is null)
        {
            await ClaimAsync(actor, assessment, ct);
        }
        if (assessment.Status != AssessmentStatus.Klar || assessment.Urgency is not { } urgency)
        {
            throw ProblemException.Conflict("id", "Svara på alla frågor innan du skickar bedömningen.");
        }
        if (urgency >= Urgency.AkutNu)
        {
            throw ProblemException.Conflict("id", urgency == Urgency.Ring112
                ? "Vänta inte på svar från vårdcentralen: ring 112 nu."
                : "Vänta inte på svar från vårdcentralen: åk till en akutmottagning nu.");
        }
        if (assessment.CompletedAt is { } done && time.GetUtcNow() - done > AssessmentSessions.SendWithin)
        {
            throw ProblemException.Gone("Bedömningen är mer än ett dygn gammal. Gör en ny bedömning så att vårdcentralen får aktuella uppgifter.");
        }
        return assessment;
    }

    /// <summary>
    /// Opens the case at the unit where the person is listed, in the caller's transaction: the frozen summary, the audit
    /// row and <see cref="TriageCaseOpened"/> (which starts the care-guarantee clocks) go with the caller's commit.
    /// </summary>
    internal async Task<TriageCase> OpenCaseAsync(Actor actor, Assessment assessment, string? message, CancellationToken ct)
    {
        if (await sessions.CaseOfAsync(assessment.Id, ct) is not null)
        {
            throw ProblemException.Conflict("id", "Bedömningen är redan skickad till vårdcentralen.");
        }
        var urgency = assessment.Urgency!.Value;
        var subjectId = assessment.SubjectId!.Value;
        var subject = await residents.GetAsync(subjectId, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
        if (subject.ListedUnit is not { } unit)
        {
            throw ProblemException.Conflict("unit", "Du är inte listad på någon vårdcentral. Välj vårdcentral under Mina sidor, eller ring 1177.");
        }
        var complaint = engine.Knowledge.Find(assessment.ComplaintId) ?? throw ProblemException.Gone("Sökorsaken finns inte längre.");
        var view = views.View(assessment, null);
        var result = view.Result!;
        // The reason as the engine decides it now (a combination's reason names the signs that held), in Swedish.
        var outcome = engine.Next(complaint, assessment.Subject, assessment.Answers.ToDictionary(a => a.QuestionId, a => a.Value, StringComparer.Ordinal)).Outcome
            ?? throw ProblemException.Conflict("id", "Svara på alla frågor innan du skickar bedömningen.");
        var summary = new CaseSummary(complaint.Id, complaint.Title.Sv, assessment.KnowledgeVersion, urgency, result.CareLevel, result.Channel,
            outcome.Rule.Reason.Sv,
            assessment.Answers.Select(a => engine.FindQuestion(complaint, a.QuestionId) is { } q
                ? new CaseSummaryAnswer(q.Id, q.Text.Sv, AnswerTextSv(q, a.Value), q.RedFlag)
                : null).OfType<CaseSummaryAnswer>().ToList(),
            result.Deciding.Select(d => d.QuestionId).ToList(),
            assessment.SearchText);
        var triageCase = new TriageCase
        {
            AssessmentId = assessment.Id,
            ResidentId = subjectId,
            UnitId = unit,
            ComplaintId = complaint.Id,
            EngineUrgency = urgency,
            SummaryJson = JsonSerializer.Serialize(summary),
            ResidentMessage = string.IsNullOrWhiteSpace(message) ? null : message.Trim(),
            SentBy = actor.Id,
            Status = CaseStatus.Ny,
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(triageCase);
        threads.Open(triageCase.ThreadId, subjectId, unit, summary.ComplaintTitle, triageCase.Origin, actor, triageCase.CreatedAt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw ProblemException.Conflict("id", "Bedömningen är redan skickad till vårdcentralen.");
        }
        var grant = await access.RequireAsync(actor, subjectId, AccessRequest.Write("Ärende till vårdcentral") with { AuditWhenDone = true }, ct);
        await grant.AuditAsync(null, ct);
        await events.PublishAsync(new TriageCaseOpened(triageCase.Id, triageCase.ResidentId, unit, triageCase.CreatedAt, urgency, $"{assessment.SearchText} {triageCase.ResidentMessage}"), ct);
        return triageCase;
    }

    // An assessment made before signing in becomes the signed-in resident's own: their age and sex from the register
    // replace what was typed, and when that changes what must be asked, the remaining questions come first.
    private async Task ClaimAsync(Actor actor, Assessment assessment, CancellationToken ct)
    {
        var resident = await residents.GetAsync(actor.ResidentId, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
        await access.RequireAsync(actor, actor.ResidentId, AccessRequest.Write(AssessmentSessions.AuditResource), ct);
        var subject = TriageSubject.From(resident.BirthDate, resident.Sex == Sex.Kvinna, Platform.Time.Stockholm.Today(time));
        assessment.SubjectId = actor.ResidentId;
        assessment.AnsweredBy = actor.Id;
        assessment.KeyHash = null;
        assessment.AgeMonths = subject.AgeMonths;
        assessment.Sex = subject.Sex;
        if (assessment.ComplaintId != Assessment.EmergencyComplaint && engine.Knowledge.Find(assessment.ComplaintId) is { } complaint)
        {
            if (!ComplaintSearch.AppliesTo(complaint, subject))
            {
                throw ProblemException.Conflict("id", $"Sökorsaken '{complaint.Title.Sv}' gäller inte för din ålder. Gör en ny bedömning.");
            }
            answering.Settle(assessment, complaint);
        }
        await db.SaveChangesAsync(ct);
        if (assessment.Status != AssessmentStatus.Klar)
        {
            throw ProblemException.Conflict("id", "Bedömningen är nu kopplad till dig. Med dina uppgifter behöver några frågor besvaras innan den kan skickas.");
        }
    }

    private static string AnswerTextSv(Question question, string value)
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
        try
        {
            return AssessmentViews.AnswerText(question, value);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/assessments/{id:guid}/send", async (Guid id, Request? request, HttpContext http, SendToUnit handler, CancellationToken ct) =>
            {
                var response = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AssessmentId(id), request ?? new Request(null), ct, http.Request.Headers[AssessmentSessions.KeyHeader]);
                return TypedResults.Created($"/api/triage/my-cases/{response.CaseId}", response);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Skicka den färdiga bedömningen till vårdcentralen där personen är listad, med ett eget meddelande. En bedömning gjord utan inloggning (med X-Assessment-Key) blir då din egen.");
}
