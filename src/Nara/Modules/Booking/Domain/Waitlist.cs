using Nara.Modules.Booking.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Domain;

public enum WaitlistStatus
{
    /// <summary>Waiting for an earlier time.</summary>
    Aktiv,
    /// <summary>Got a time through an offer.</summary>
    Tillgodosedd,
    /// <summary>The resident left the waitlist.</summary>
    Avslutad,
}

public enum OfferStatus
{
    Oppet,
    Accepterat,
    Avbojt,
    UtgangetUt,
    /// <summary>Someone else accepted first, or the slot was booked another way.</summary>
    Upptaget,
}

/// <summary>
/// A resident's wish for an earlier time at a unit, for a type of visit. Priority: urgency (0–4, higher first; the same
/// scale as a triage decision), then how long they have waited. Personal data.
/// </summary>
[PersonalData]
public sealed class WaitlistEntry
{
    public WaitlistEntryId Id { get; init; } = StrongId.New<WaitlistEntryId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required SlotType Type { get; init; }
    /// <summary>0 (not urgent) to 4 (most urgent). Staff may set it; a resident's own request starts at 0.</summary>
    public int Urgency { get; set; }
    /// <summary>The booking an earlier time would replace: cancelled in the same transaction as the new booking.</summary>
    public AppointmentId? ReplacesAppointmentId { get; init; }
    /// <summary>Times after this day (Swedish date) are of no use to the resident.</summary>
    public DateOnly? LatestDate { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required Guid CreatedBy { get; init; }
    public WaitlistStatus Status { get; set; } = WaitlistStatus.Aktiv;

    public const int MaxUrgency = 4;
}

/// <summary>An offer of a freed slot to a waitlisted resident. Nobody is offered the same slot twice (unique index).</summary>
[PersonalData]
public sealed class WaitlistOffer
{
    public WaitlistOfferId Id { get; init; } = StrongId.New<WaitlistOfferId>();
    public required WaitlistEntryId EntryId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public required SlotId SlotId { get; init; }
    public required DateTimeOffset OfferedAt { get; init; }
    /// <summary>Never after the slot starts.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
    public OfferStatus Status { get; set; } = OfferStatus.Oppet;
    public DateTimeOffset? AnsweredAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => Status == OfferStatus.Oppet && now < ExpiresAt;
}
