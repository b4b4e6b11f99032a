using Nara.Platform.Events;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Contracts;

/// <summary>
/// A referral was accepted by the unit it was sent to. For a referral to a specialist clinic the care guarantee's 90-day
/// clock to the first visit starts (from the day the referral was issued).
/// </summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="Resident">Whom it is about.</param>
/// <param name="Unit">The unit that accepted it.</param>
/// <param name="Kind">What kind of referral.</param>
/// <param name="IssuedOn">The Swedish date it was sent (issued).</param>
/// <param name="AcceptedAt">When it was accepted.</param>
public sealed record ReferralAccepted(ReferralId ReferralId, ResidentId Resident, UnitId Unit, ReferralKind Kind, DateOnly IssuedOn, DateTimeOffset AcceptedAt) : IDomainEvent;
