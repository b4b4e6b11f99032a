using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage;

public sealed record CaseView(
    Guid Id,
    Guid ResidentId,
    string ResidentName,
    string Personnummer,
    int AgeYears,
    Guid UnitId,
    string ComplaintId,
    string ComplaintTitle,
    Urgency EngineUrgency,
    CaseSummary Summary,
    string? ResidentMessage,
    CaseStatus Status,
    string? AssignedTo,
    Guid? AssignedToId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? TakenAt,
    DateTimeOffset? FirstContactAt,
    DateTimeOffset? CallbackAt,
    TriageChannel? CallbackChannel,
    DateTimeOffset? ClosedAt,
    Urgency? ClinicianUrgency,
    string? ClosingNote,
    IReadOnlyList<ThreadMessageView> Messages,
    int? MinutesToFirstContact)
{
    /// <summary>Who sent the case when it was not the patient (a guardian for a child); null when the patient did.</summary>
    public string? SentByName { get; init; }

    /// <summary>The case was sent by someone other than the patient.</summary>
    public bool SentByOther { get; init; }
}

/// <summary>Loads a case for staff at its unit (or the resident and guardians) under the access rules, audited.</summary>
public sealed class CaseViews(NaraDbContext db, IMessageThreads threads, ResidentAccess access, IResidentDirectory residents, KnowledgeBase knowledge, TimeProvider time)
{
    public const string AuditResource = "Ärende (En väg in)";

    /// <summary>
    /// The access rule for a case, in one place: the resident and their guardians, or staff at the unit it was sent to
    /// under the PDL rules; other units reach the resident's data through the patient overview.
    /// </summary>
    public static AccessRequest CaseAccess(string resource, AuditAction action, UnitId sentTo) => new AccessRequest(resource, action) with
    {
        HeldBy = sentTo,
        OtherUnitRefusal = "Ärendet är skickat till en annan enhet än den du arbetar på.",
    };

    public async Task<TriageCase> LoadAsync(Actor actor, TriageCaseId id, AuditAction action, CancellationToken ct)
    {
        var triageCase = await db.Set<TriageCase>().FirstOrDefaultAsync(c => c.Id == id, ct)
            ?? throw ProblemException.NotFound("id", "Ärendet finns inte.");
        await access.RequireAsync(actor, triageCase.ResidentId, CaseAccess(AuditResource, action, triageCase.UnitId), ct);
        return triageCase;
    }

    public async Task<CaseView> ViewAsync(TriageCase c, CancellationToken ct)
    {
        var resident = await residents.GetAsync(c.ResidentId, ct);
        var messages = (await threads.MessagesAsync([c.ThreadId], ct))[c.ThreadId];
        var today = Platform.Time.Stockholm.Today(time);
        return new CaseView(c.Id.Value, c.ResidentId.Value, resident?.Name ?? "–", resident?.Personnummer ?? "–",
            resident is null ? 0 : TriageSubject.From(resident.BirthDate, false, today).AgeMonths / 12,
            c.UnitId.Value, c.ComplaintId, knowledge.TitleOf(c.ComplaintId, Summary(c).ComplaintTitle), c.EngineUrgency, Summary(c), c.ResidentMessage, c.Status,
            c.AssignedName, c.AssignedTo?.Value, c.CreatedAt, c.TakenAt, c.FirstContactAt, c.CallbackAt, c.CallbackChannel, c.ClosedAt,
            c.ClinicianUrgency, c.ClosingNote,
            messages,
            c.FirstContactAt is { } first ? (int)Math.Round((first - c.CreatedAt).TotalMinutes) : null)
        {
            SentByOther = c.SentBy != c.ResidentId.Value,
            SentByName = c.SentBy != c.ResidentId.Value ? (await residents.GetAsync(new ResidentId(c.SentBy), ct))?.Name : null,
        };
    }

    /// <summary>A message's text, trimmed, or a 400 naming <c>text</c> when it is empty or longer than <paramref name="max"/>.</summary>
    public static string MessageText(string? text, int max, string whenEmpty)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ProblemException.Invalid("text", whenEmpty);
        }
        return trimmed.Length <= max ? trimmed : throw ProblemException.Invalid("text", $"Meddelandet får vara högst {max} tecken.");
    }

    public static CaseSummary Summary(TriageCase c) => JsonSerializer.Deserialize<CaseSummary>(c.SummaryJson)!;

    /// <summary>Saves a change to a case; a concurrent change by someone else is a 409, not a lost update.</summary>
    public async Task SaveAsync(TriageCase c, CancellationToken ct)
    {
        c.ConcurrencyToken++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("id", "Någon annan ändrade ärendet samtidigt. Ladda om och försök igen.");
        }
    }
}
