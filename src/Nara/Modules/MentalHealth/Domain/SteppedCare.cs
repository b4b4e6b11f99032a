using Nara.Modules.MentalHealth.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.MentalHealth.Domain;

/// <summary>
/// A person's care need for low mood, worry or anxiety at a unit, from when it was opened (a positive screen or a member
/// of staff) to when it is closed. Its first assessment runs on its own clock (<see cref="FirstAssessmentDue"/>); the
/// current step is the clinician's latest decision. One open need per person and unit. Personal health data.
/// </summary>
[PersonalData]
public sealed class CareEpisode
{
    public CareEpisodeId Id { get; init; } = StrongId.New<CareEpisodeId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    /// <summary>Who opened it: a member of staff's name, or "Screening" when a score did.</summary>
    public required string OpenedBy { get; init; }
    /// <summary>Why, in Swedish ("PHQ-2: 4 poäng, positiv screening").</summary>
    public required string Reason { get; init; }
    /// <summary>When the first assessment is due (the care guarantee's days from opening).</summary>
    public required DateTimeOffset FirstAssessmentDue { get; init; }
    public DateTimeOffset? FirstAssessedAt { get; set; }
    public string? FirstAssessedBy { get; set; }
    /// <summary>The current step's id (content/stepped-care), from the latest decision.</summary>
    public string? Step { get; set; }
    public DateTimeOffset? StepSince { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? CloseNote { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>
/// A clinician's decision on a step: the step before and after, what the rules proposed then and why, and the
/// clinician's reason (required when another step than the proposal is chosen). Personal health data.
/// </summary>
[PersonalData]
public sealed class StepDecision
{
    public StepDecisionId Id { get; init; } = StrongId.New<StepDecisionId>();
    public required CareEpisodeId EpisodeId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public required DateTimeOffset DecidedAt { get; init; }
    public required StaffId DecidedById { get; init; }
    public required string DecidedByName { get; init; }
    public string? FromStep { get; init; }
    public required string Step { get; init; }
    public string? ProposedStep { get; init; }
    /// <summary>Why the rules proposed what they did (Swedish).</summary>
    public string? Proposal { get; init; }
    public string? Note { get; init; }
}
