using Nara.Modules.Coordination.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Domain;

/// <summary>
/// A coordinated individual plan (samordnad individuell plan, SIP; HSL 16 kap. 4 §, SoL 2 kap. 7 §): the joint plan of
/// region and municipality for one person, made only with the person's consent: who takes part, who holds the overall
/// responsibility, who does what by when, the SIP meeting (perhaps a digital one), and when it is followed up.
/// </summary>
[PersonalData]
public sealed class Sip
{
    public SipId Id { get; init; } = StrongId.New<SipId>();
    public required ResidentId ResidentId { get; init; }
    public required string Purpose { get; set; }
    public required UnitId StartedByUnitId { get; init; }
    public required string StartedByName { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>Who consented (the person, or a guardian), recorded by <see cref="StartedByName"/>.</summary>
    public required string ConsentBy { get; init; }
    public required DateTimeOffset ConsentAt { get; init; }
    public SipStatus Status { get; set; } = SipStatus.Planerad;
    /// <summary>Huvudansvar: the unit (and perhaps the member of staff) that holds the overall responsibility.</summary>
    public required UnitId ResponsibleUnitId { get; set; }
    public StaffId? ResponsibleStaffId { get; set; }
    public DateTimeOffset? MeetingAt { get; set; }
    /// <summary>The meeting is a digital care meeting: the booked video appointment (VirtualCare serves it).</summary>
    public Nara.Modules.Booking.Contracts.AppointmentId? MeetingAppointmentId { get; set; }
    public string? MeetingPlace { get; set; }
    public DateOnly? FollowUpOn { get; set; }
    /// <summary>The stay in inpatient care the SIP plans the discharge from, if any.</summary>
    public DischargeId? DischargeId { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>One who takes part in a SIP: a unit (and perhaps a named member of staff) of either principal, or someone close to the person.</summary>
[PersonalData]
public sealed class SipParticipant
{
    public SipParticipantId Id { get; init; } = StrongId.New<SipParticipantId>();
    public required SipId SipId { get; init; }
    public required SipSide Side { get; init; }
    public UnitId? UnitId { get; init; }
    public StaffId? StaffId { get; init; }
    /// <summary>The name as shown: the member of staff's or the close one's.</summary>
    public string? Name { get; init; }
    public string? Role { get; init; }
}

/// <summary>Who does what by when in a SIP.</summary>
[PersonalData]
public sealed class SipAction
{
    public SipActionId Id { get; init; } = StrongId.New<SipActionId>();
    public required SipId SipId { get; init; }
    public required string What { get; set; }
    public required UnitId UnitId { get; set; }
    public required DateOnly DueOn { get; set; }
    public bool Done { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
}

/// <summary>
/// A stay in inpatient care followed for the coordination at discharge (Lag (2017:612)): admitted, the admission notice
/// to primary care and the municipality, the notice that the patient is ready for discharge, the call to coordinated
/// planning, discharged. The limits between them are content (content/discharge/). The record of the hospital unit,
/// shown to both principals.
/// </summary>
[PersonalData]
public sealed class DischargeStay
{
    public DischargeId Id { get; init; } = StrongId.New<DischargeId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId HospitalUnitId { get; init; }
    /// <summary>The person's vårdcentral, told of the admission.</summary>
    public UnitId? PrimaryCareUnitId { get; init; }
    /// <summary>The municipality's unit, told of the admission.</summary>
    public UnitId? MunicipalUnitId { get; init; }
    public required DateTimeOffset AdmittedAt { get; init; }
    public required DateTimeOffset AdmissionNoticeAt { get; init; }
    public DischargeStatus Status { get; set; } = DischargeStatus.Inskriven;
    public DateTimeOffset? ReadyAt { get; set; }
    /// <summary>When primary care called the coordinated planning (kallelse till SIP).</summary>
    public DateTimeOffset? PlanningCalledAt { get; set; }
    public DateTimeOffset? DischargedAt { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>One step in a stay's history, with who did it.</summary>
[PersonalData]
public sealed class DischargeEvent
{
    public DischargeEventId Id { get; init; } = StrongId.New<DischargeEventId>();
    public required DischargeId DischargeId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string What { get; init; }
    public required string ByName { get; init; }
    public required UnitId ByUnitId { get; init; }
}
