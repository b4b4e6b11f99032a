using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Triage.Contracts;

/// <summary>A resident's case reached a unit: the resident has sought contact with care (the care guarantee's start).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Resident">Who the case is about.</param>
/// <param name="Unit">The unit it was sent to.</param>
/// <param name="OpenedAt">When it was sent.</param>
/// <param name="Urgency">The engine's urgency.</param>
/// <param name="Text">The person's own words (what they searched for and their message), for crisis words; never logged.</param>
public sealed record TriageCaseOpened(TriageCaseId CaseId, ResidentId Resident, UnitId Unit, DateTimeOffset OpenedAt, Urgency Urgency, string? Text = null) : IDomainEvent;

/// <summary>Staff answered a case: a message to the resident, or a call-back, video call or visit booked at a time.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Resident">Who the case is about.</param>
/// <param name="Unit">The case's unit.</param>
/// <param name="At">When staff answered.</param>
/// <param name="By">Who answered.</param>
/// <param name="Profession">Their profession, if known.</param>
/// <param name="AppointmentAt">For a booked call-back or visit: when it is; null for a message.</param>
/// <param name="Channel">For a booked call-back or visit: telephone, video or visit.</param>
public sealed record TriageCaseAnswered(
    TriageCaseId CaseId, ResidentId Resident, UnitId Unit, DateTimeOffset At, StaffId By, Profession? Profession, DateTimeOffset? AppointmentAt, TriageChannel? Channel) : IDomainEvent;
