using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Contracts;

/// <summary>Identifies a membership of a resident's care team.</summary>
public readonly record struct CareTeamMemberId(Guid Value) : IStrongId<CareTeamMemberId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an appointment of a fixed care contact or fixed doctor.</summary>
public readonly record struct FixedContactId(Guid Value) : IStrongId<FixedContactId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>The two fixed contacts a person can have, one of each at a time.</summary>
public enum FixedContactKind
{
    /// <summary>Fast vårdkontakt: the person who coordinates the care and whom the person turns to (HSL 6 kap. 2 §).</summary>
    FastVardkontakt,
    /// <summary>Fast läkarkontakt: the person's own doctor in primary care (HSL 7 kap. 3 §); a physician.</summary>
    FastLakarkontakt,
}

/// <summary>Identifies a person's enrolment on a care pathway.</summary>
public readonly record struct PathwayEnrolmentId(Guid Value) : IStrongId<PathwayEnrolmentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a person's coordinated plan (patientkontrakt).</summary>
public readonly record struct CarePlanId(Guid Value) : IStrongId<CarePlanId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a goal in a plan.</summary>
public readonly record struct PlanGoalId(Guid Value) : IStrongId<PlanGoalId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a planned activity in a plan.</summary>
public readonly record struct PlanActivityId(Guid Value) : IStrongId<PlanActivityId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a version of a plan.</summary>
public readonly record struct PlanVersionId(Guid Value) : IStrongId<PlanVersionId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a comment on a plan.</summary>
public readonly record struct PlanCommentId(Guid Value) : IStrongId<PlanCommentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Whose goal: the person's own, in their words, or the team's measurable one.</summary>
public enum GoalKind
{
    /// <summary>"Vad är viktigt för dig?": the person's own goal in their own words.</summary>
    Egen,
    /// <summary>A goal the team and the person set together, with a measure and a date.</summary>
    Teamets,
}

/// <summary>Where a goal stands.</summary>
public enum GoalStatus
{
    Pagar,
    Uppnatt,
    DelvisUppnatt,
    EjUppnatt,
    Avslutat,
}

/// <summary>Where a planned activity stands.</summary>
public enum ActivityStatus
{
    Planerad,
    Pagar,
    Klar,
    Installd,
}

/// <summary>Identifies a referral (remiss), a consultation request or a referral to municipal home health care.</summary>
public readonly record struct ReferralId(Guid Value) : IStrongId<ReferralId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an entry in a referral's history.</summary>
public readonly record struct ReferralEventId(Guid Value) : IStrongId<ReferralEventId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>What is asked of the receiving unit.</summary>
public enum ReferralKind
{
    /// <summary>A referral to a specialist clinic for assessment or treatment; accepted, it starts the 90-day clock.</summary>
    Remiss,
    /// <summary>A consultation request: a question answered in writing, no visit.</summary>
    Konsultation,
    /// <summary>A referral to the municipality's home health care (kommunal hälso- och sjukvård).</summary>
    Hemsjukvard,
}

/// <summary>How soon the receiving unit should act.</summary>
public enum ReferralPriority
{
    Rutin,
    Fortur,
    Akut,
}

/// <summary>Where a referral stands.</summary>
public enum ReferralStatus
{
    /// <summary>Sent, waiting for the receiving unit.</summary>
    Skickad,
    /// <summary>The receiving unit asked the sender for more.</summary>
    KompletteringBegard,
    /// <summary>Accepted: the receiving unit takes the person on.</summary>
    Accepterad,
    /// <summary>Returned to the sender, with the reason.</summary>
    Returnerad,
    /// <summary>Answered (remissvar): the receiving unit's answer is with the sender.</summary>
    Besvarad,
}

/// <summary>Identifies a coordinated individual plan (SIP).</summary>
public readonly record struct SipId(Guid Value) : IStrongId<SipId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a participant in a SIP.</summary>
public readonly record struct SipParticipantId(Guid Value) : IStrongId<SipParticipantId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an action in a SIP (who does what by when).</summary>
public readonly record struct SipActionId(Guid Value) : IStrongId<SipActionId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a stay in inpatient care followed for coordination at discharge.</summary>
public readonly record struct DischargeId(Guid Value) : IStrongId<DischargeId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a step in a stay's history (a notice sent, a timestamp set).</summary>
public readonly record struct DischargeEventId(Guid Value) : IStrongId<DischargeEventId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Where a SIP stands.</summary>
public enum SipStatus
{
    /// <summary>Started; the meeting is ahead.</summary>
    Planerad,
    /// <summary>The plan is agreed and followed.</summary>
    Pagaende,
    /// <summary>Ended.</summary>
    Avslutad,
}

/// <summary>Who a SIP participant is: from the region, the municipality, or someone close to the person.</summary>
public enum SipSide
{
    Region,
    Kommun,
    Narstaende,
}

/// <summary>Where a stay in inpatient care stands in the coordination at discharge.</summary>
public enum DischargeStatus
{
    /// <summary>Admitted; the admission notice is sent.</summary>
    Inskriven,
    /// <summary>The patient is ready for discharge (utskrivningsklar); the notice is sent.</summary>
    Utskrivningsklar,
    /// <summary>Discharged.</summary>
    Utskriven,
}
