using Nara.Modules.Assessments.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Assessments.Domain;

/// <summary>Where a sent instrument stands.</summary>
public enum RequestStatus
{
    /// <summary>Waiting for the person's answer (shown to them from <see cref="InstrumentRequest.OpensAt"/>).</summary>
    Open,
    /// <summary>Answered.</summary>
    Answered,
    /// <summary>Withdrawn by the team (a schedule stopped).</summary>
    Cancelled,
}

/// <summary>
/// An instrument sent by a unit for a person to answer: once, or one occasion of a schedule (every N days, a given number
/// of times; the occasions share a <see cref="SeriesId"/>). Personal health data (who is assessed for what).
/// </summary>
[PersonalData]
public sealed class InstrumentRequest
{
    public InstrumentRequestId Id { get; init; } = StrongId.New<InstrumentRequestId>();
    public required ResidentId ResidentId { get; init; }
    /// <summary>The unit that asks; its team gets the result and any alert.</summary>
    public required UnitId UnitId { get; init; }
    public required string InstrumentId { get; init; }
    public required Guid SeriesId { get; init; }
    /// <summary>Which occasion of the series (1 for the first).</summary>
    public required int Occasion { get; init; }
    /// <summary>How many occasions the series has.</summary>
    public required int Occasions { get; init; }
    /// <summary>Days between the occasions (0 when sent once).</summary>
    public required int IntervalDays { get; init; }
    public required DateTimeOffset SentAt { get; init; }
    public required StaffId SentById { get; init; }
    public required string SentByName { get; init; }
    /// <summary>When the person can answer it.</summary>
    public required DateTimeOffset OpensAt { get; init; }
    /// <summary>When the answer is due.</summary>
    public required DateTimeOffset DueAt { get; init; }
    /// <summary>A word to the person from the sender (no more than 400 characters).</summary>
    public string? Message { get; init; }

    public RequestStatus Status { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public InstrumentResponseId? ResponseId { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>
/// A person's answers to an instrument and the scores they gave, kept as a care record: the answers (item → points), each
/// scale's score and band, and whether the answers raised a crisis alert. Personal health data.
/// </summary>
[PersonalData]
public sealed class InstrumentResponse
{
    public InstrumentResponseId Id { get; init; } = StrongId.New<InstrumentResponseId>();
    public required ResidentId ResidentId { get; init; }
    /// <summary>The unit that asked (the record's holder).</summary>
    public required UnitId UnitId { get; init; }
    public required string InstrumentId { get; init; }
    /// <summary>The instrument's version the answers were scored by.</summary>
    public required string InstrumentVersion { get; init; }
    public InstrumentRequestId? RequestId { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }
    /// <summary>Who answered: the person, or a guardian for a child (their name).</summary>
    public required string AnsweredByName { get; init; }
    /// <summary>The answers as JSON: item id → points of the chosen answer.</summary>
    public required string AnswersJson { get; init; }
    /// <summary>The first scale's score (the one charts follow), or null when it could not be scored.</summary>
    public int? Score { get; init; }
    /// <summary>The first scale's band id.</summary>
    public string? Band { get; init; }
    /// <summary>Every scale's score as JSON: scale id → score and band.</summary>
    public required string ScalesJson { get; init; }
    /// <summary>The answers raised a crisis alert.</summary>
    public bool Crisis { get; init; }
}

/// <summary>Where a crisis alert came from.</summary>
public enum CrisisSource
{
    /// <summary>An answer to an instrument at an alarming level (PHQ-9 item 9 above 0).</summary>
    Formular,
    /// <summary>Crisis words in a message from the person to their unit.</summary>
    Meddelande,
    /// <summary>Crisis words in the person's own text of a triage case sent to a unit.</summary>
    Arende,
}

/// <summary>
/// A crisis alert: a task for the unit's team at the highest priority, written in the same transaction as what raised it,
/// so that it is on the worklist the same minute whatever happens to messages and push. Unacknowledged by
/// <see cref="AcknowledgeBy"/>, it escalates to the unit's head (<see cref="EscalatedAt"/>). Personal health data.
/// </summary>
[PersonalData]
public sealed class CrisisAlert
{
    public CrisisAlertId Id { get; init; } = StrongId.New<CrisisAlertId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required CrisisSource Source { get; init; }
    /// <summary>What raised it (the response's id).</summary>
    public required Guid SourceId { get; init; }
    /// <summary>What it is about, in Swedish, without the answers themselves ("PHQ-9: fråga 9 besvarad över 0").</summary>
    public required string Reason { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public required DateTimeOffset AcknowledgeBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; set; }
    public StaffId? AcknowledgedById { get; set; }
    public string? AcknowledgedByName { get; set; }
    /// <summary>What the team did (a call made, a visit booked), at most 1,000 characters.</summary>
    public string? Action { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public int ConcurrencyToken { get; set; }
}
