using Nara.Modules.Coordination.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Domain;

/// <summary>
/// A referral (remiss) from one unit to another about a person: a referral to a specialist clinic, a consultation request,
/// or a referral to municipal home health care. The receiving unit accepts it, asks the sender for more, returns it, or
/// re-prioritises it, and answers it (remissvar). While open it is a care relationship with the receiving unit.
/// </summary>
[PersonalData]
public sealed class Referral
{
    public ReferralId Id { get; init; } = StrongId.New<ReferralId>();
    public required ResidentId ResidentId { get; init; }
    public required ReferralKind Kind { get; init; }
    public required UnitId FromUnitId { get; init; }
    public required Guid FromStaffId { get; init; }
    public required string FromStaffName { get; init; }
    public required UnitId ToUnitId { get; init; }
    /// <summary>Frågeställning: what the sender asks.</summary>
    public required string Question { get; init; }
    /// <summary>Background: history, findings, medication, what has been tried.</summary>
    public string? Background { get; set; }
    public ReferralPriority Priority { get; set; } = ReferralPriority.Rutin;
    public ReferralStatus Status { get; set; } = ReferralStatus.Skickad;
    public required DateTimeOffset SentAt { get; init; }
    public required DateOnly IssuedOn { get; init; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The answer (remissvar), or the reason it was returned.</summary>
    public string? Answer { get; set; }
    public string? AnsweredByName { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>One step in a referral's history: sent, accepted, more asked for and given, returned, re-prioritised, answered.</summary>
[PersonalData]
public sealed class ReferralEvent
{
    public ReferralEventId Id { get; init; } = StrongId.New<ReferralEventId>();
    public required ReferralId ReferralId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string ByName { get; init; }
    public required UnitId ByUnitId { get; init; }
    public required string What { get; init; }
    public string? Text { get; init; }
}
