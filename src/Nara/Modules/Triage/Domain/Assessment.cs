using System.Text.Json;
using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Triage.Domain;

public enum AssessmentStatus
{
    Pagaende,
    Klar,
}

/// <summary>One answer as given, in the order asked.</summary>
public sealed record GivenAnswer(string QuestionId, string Value);

/// <summary>
/// A symptom assessment (a session): who it is about, who answers (the resident, a guardian, or a relative for an adult,
/// or someone not signed in), the complaint, the answers in order, and the outcome when done. Personal health data when
/// it is about a resident in the register; an assessment for someone else, or made without signing in, names nobody and
/// is reached only by the one who made it (signed in, or with its key).
/// </summary>
[PersonalData]
public sealed class Assessment
{
    /// <summary>The complaint id stored when emergency words in the search decided "Ring 112" before any complaint.</summary>
    public const string EmergencyComplaint = "_112";

    public AssessmentId Id { get; init; } = StrongId.New<AssessmentId>();
    /// <summary>The resident it is about; null for an adult someone else answers for, and before a person not signed in has signed in.</summary>
    public ResidentId? SubjectId { get; set; }
    /// <summary>The signed-in person answering: the subject, a guardian acting for a child, or a relative; null when not signed in.</summary>
    public Guid? AnsweredBy { get; set; }
    public AssessmentFor For { get; set; }
    /// <summary>SHA-256 (hex) of the key given to someone not signed in, who reaches the assessment only with it.</summary>
    public string? KeyHash { get; set; }
    public required string ComplaintId { get; init; }
    public required string KnowledgeVersion { get; init; }
    public string? SearchText { get; init; }
    public required int AgeMonths { get; set; }
    public required string Sex { get; set; }
    public string AnswersJson { get; set; } = "[]";
    public AssessmentStatus Status { get; set; }
    public Urgency? Urgency { get; set; }
    public TriageCareLevel? CareLevel { get; set; }
    public TriageChannel? Channel { get; set; }
    public string? RuleId { get; set; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public List<GivenAnswer> Answers
    {
        get => JsonSerializer.Deserialize<List<GivenAnswer>>(AnswersJson) ?? [];
        set => AnswersJson = JsonSerializer.Serialize(value);
    }

    public TriageSubject Subject => new(AgeMonths, Sex);
}

public enum CaseStatus
{
    Ny,
    Pagaende,
    Stangd,
}

/// <summary>A triage case (ärende) sent to a unit: carries the structured summary so nobody has to ask again. Personal health data.</summary>
[PersonalData]
public sealed class TriageCase
{
    public TriageCaseId Id { get; init; } = StrongId.New<TriageCaseId>();
    public required AssessmentId AssessmentId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required string ComplaintId { get; init; }
    public required Urgency EngineUrgency { get; init; }
    /// <summary>The structured summary (complaint, answers with their question texts, urgency, reasons) as JSON, frozen when sent.</summary>
    public required string SummaryJson { get; init; }
    /// <summary>What the resident added in their own words.</summary>
    public string? ResidentMessage { get; init; }
    public required Guid SentBy { get; init; }
    public CaseStatus Status { get; set; }
    public StaffId? AssignedTo { get; set; }
    public string? AssignedName { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? TakenAt { get; set; }
    /// <summary>When care first answered: a message or a booked call-back or visit. The care guarantee's same-day contact.</summary>
    public DateTimeOffset? FirstContactAt { get; set; }
    public DateTimeOffset? CallbackAt { get; set; }
    /// <summary>The time the resident booked from the result ("Boka tid"), in the booking module.</summary>
    public Nara.Modules.Booking.Contracts.AppointmentId? AppointmentId { get; set; }
    /// <summary>When the resident last wrote on the case and care has not answered since: shown in the inbox.</summary>
    public DateTimeOffset? ResidentRepliedAt { get; set; }
    public TriageChannel? CallbackChannel { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Urgency? ClinicianUrgency { get; set; }
    public string? ClosingNote { get; set; }

    public int ConcurrencyToken { get; set; }

    /// <summary>The case's conversation: a thread in Messaging with the case's own id, opened when the case is sent.</summary>
    public Messaging.Contracts.ThreadId ThreadId => new(Id.Value);

    /// <summary>What a thread opened for a case says it belongs to.</summary>
    public Messaging.Contracts.ThreadOrigin Origin => new(OriginKind, Id.Value);

    public const string OriginKind = "triage-case";
}

/// <summary>The frozen summary a case carries.</summary>
public sealed record CaseSummary(
    string ComplaintId,
    string ComplaintTitle,
    string KnowledgeVersion,
    Urgency Urgency,
    TriageCareLevel CareLevel,
    TriageChannel Channel,
    string Reason,
    IReadOnlyList<CaseSummaryAnswer> Answers,
    IReadOnlyList<string> DecidingQuestions,
    string? SearchText);

public sealed record CaseSummaryAnswer(string QuestionId, string Question, string Answer, bool RedFlag);
