using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Domain;

/// <summary>
/// A person's coordinated plan, the patient contract (patientkontrakt): what matters to the person in their own words,
/// the team's goals, and the planned activities across units with an agreed time where one is needed. One open plan per
/// person, held by a unit. Every change makes a new version (<see cref="PlanVersion"/>, with what the plan said); the
/// person agrees to a version, and a later change asks them again.
/// </summary>
[PersonalData]
public sealed class CarePlan
{
    public CarePlanId Id { get; init; } = StrongId.New<CarePlanId>();
    public required ResidentId ResidentId { get; init; }
    /// <summary>The unit that holds the plan (usually where the fixed care contact works).</summary>
    public required UnitId UnitId { get; init; }
    public required DateOnly StartsOn { get; set; }
    /// <summary>When the plan is to be followed up together with the person.</summary>
    public DateOnly? FollowUpOn { get; set; }
    public int Version { get; set; } = 1;
    /// <summary>The version the person (or a guardian) last agreed to.</summary>
    public int? AgreedVersion { get; set; }
    public DateTimeOffset? AgreedAt { get; set; }
    public string? AgreedByName { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string CreatedByName { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>A goal in a plan: the person's own ("Egen", in their words) or the team's, with a measure and a date.</summary>
[PersonalData]
public sealed class PlanGoal
{
    public PlanGoalId Id { get; init; } = StrongId.New<PlanGoalId>();
    public required CarePlanId PlanId { get; init; }
    public required GoalKind Kind { get; init; }
    public required string Text { get; set; }
    /// <summary>How the team's goal is measured ("Går 30 minuter om dagen", "HbA1c under 52").</summary>
    public string? Measure { get; set; }
    public DateOnly? TargetDate { get; set; }
    public GoalStatus Status { get; set; } = GoalStatus.Pagar;
    public required DateTimeOffset WrittenAt { get; init; }
    public required string WrittenByName { get; init; }
    /// <summary>Written by the person themself (or a guardian), not by staff.</summary>
    public required bool WrittenByResident { get; init; }
}

/// <summary>
/// A planned activity: what, who owns it (a unit and perhaps a member of staff there), by when, its status, and the
/// agreed time (överenskommen tid) when it needs one: a booking of a real slot, so the plan and the calendar agree.
/// </summary>
[PersonalData]
public sealed class PlanActivity
{
    public PlanActivityId Id { get; init; } = StrongId.New<PlanActivityId>();
    public required CarePlanId PlanId { get; init; }
    public required string Title { get; set; }
    public string? Details { get; set; }
    public required UnitId OwnerUnitId { get; set; }
    public StaffId? OwnerStaffId { get; set; }
    public required DateOnly DueOn { get; set; }
    public ActivityStatus Status { get; set; } = ActivityStatus.Planerad;
    public bool NeedsAgreedTime { get; set; }
    /// <summary>The booking that is the agreed time; its time and status are read from Booking, never copied.</summary>
    public AppointmentId? AppointmentId { get; set; }
    public PlanGoalId? GoalId { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One version of a plan: when, by whom, what changed, and what the plan said then (JSON).</summary>
[PersonalData]
public sealed class PlanVersion
{
    public PlanVersionId Id { get; init; } = StrongId.New<PlanVersionId>();
    public required CarePlanId PlanId { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ByName { get; init; }
    public required bool ByResident { get; init; }
    public required string Change { get; init; }
    public required string Snapshot { get; init; }
}

/// <summary>A comment on a plan by the person, a guardian or staff, on the version it was written about.</summary>
[PersonalData]
public sealed class PlanComment
{
    public PlanCommentId Id { get; init; } = StrongId.New<PlanCommentId>();
    public required CarePlanId PlanId { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ByName { get; init; }
    public required bool ByResident { get; init; }
    public required string Text { get; init; }
}
