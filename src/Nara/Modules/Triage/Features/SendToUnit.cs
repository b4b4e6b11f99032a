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
public sealed class SendToUnit(NaraDbContext db, TriageEngine engine, IResidentDirectory residents, AssessmentSessions sessions,
    AssessmentViews views, ResidentAccess access, DomainEvents events, TimeProvider time) : IFeature
{
    public sealed record Request(string? Message);

    public sealed record Response(Guid CaseId, Guid UnitId);

    public async Task<Response> HandleAsync(Actor actor, AssessmentId id, Request request, CancellationToken ct)
    {
        if (request.Message is { Length: > 2000 })
        {
            throw ProblemException.Invalid("message", "Meddelandet får vara högst 2000 tecken.");
        }
        var assessment = await sessions.LoadAsync(actor, id, AuditAction.Write, ct);
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
        if (await sessions.CaseOfAsync(id, ct) is not null)
        {
            throw ProblemException.Conflict("id", "Bedömningen är redan skickad till vårdcentralen.");
        }
        var subject = await residents.GetAsync(assessment.SubjectId, ct) ?? throw ProblemException.NotFound("residentId", "Personen finns inte.");
        if (subject.ListedUnit is not { } unit)
        {
            throw ProblemException.Conflict("unit", "Du är inte listad på någon vårdcentral. Välj vårdcentral under Mina sidor, eller ring 1177.");
        }
        var complaint = engine.Knowledge.Find(assessment.ComplaintId) ?? throw ProblemException.Gone("Sökorsaken finns inte längre.");
        var view = views.View(assessment, null);
        var result = view.Result!;
        var summary = new CaseSummary(complaint.Id, complaint.Title.Sv, assessment.KnowledgeVersion, urgency, result.CareLevel, result.Channel,
            complaint.Rules.First(r => r.Id == assessment.RuleId).Reason.Sv,
            assessment.Answers.Select(a => engine.FindQuestion(complaint, a.QuestionId) is { } q
                ? new CaseSummaryAnswer(q.Id, q.Text.Sv, AnswerTextSv(q, a.Value), q.RedFlag)
                : null).OfType<CaseSummaryAnswer>().ToList(),
            result.Deciding.Select(d => d.QuestionId).ToList(),
            assessment.SearchText);
        var triageCase = new TriageCase
        {
            AssessmentId = assessment.Id,
            ResidentId = assessment.SubjectId,
            UnitId = unit,
            ComplaintId = complaint.Id,
            EngineUrgency = urgency,
            SummaryJson = JsonSerializer.Serialize(summary),
            ResidentMessage = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(),
            SentBy = actor.Id,
            Status = CaseStatus.Ny,
            CreatedAt = time.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(triageCase);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw ProblemException.Conflict("id", "Bedömningen är redan skickad till vårdcentralen.");
        }
        var grant = await access.RequireAsync(actor, assessment.SubjectId, AccessRequest.Write("Ärende till vårdcentral") with { AuditWhenDone = true }, ct);
        await grant.AuditAsync(null, ct);
        await events.PublishAsync(new TriageCaseOpened(triageCase.Id, triageCase.ResidentId, unit, triageCase.CreatedAt, urgency), ct);
        await transaction.CommitAsync(ct);
        return new Response(triageCase.Id.Value, unit.Value);
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
                var response = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AssessmentId(id), request ?? new Request(null), ct);
                return TypedResults.Created($"/api/triage/my-cases/{response.CaseId}", response);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Skicka den färdiga bedömningen till vårdcentralen där personen är listad, med ett eget meddelande.");
}
