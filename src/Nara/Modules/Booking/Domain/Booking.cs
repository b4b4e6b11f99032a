using Nara.Modules.Booking.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Domain;

/// <summary>A time at a unit that can be booked: with a staff member or not, of one type, possibly reserved for same-day acute needs.</summary>
public sealed class Slot
{
    public SlotId Id { get; init; } = StrongId.New<SlotId>();
    public required UnitId UnitId { get; init; }
    public StaffId? StaffId { get; init; }
    /// <summary>The profession that takes this time (the staff member's, or the unit's choice for a slot without one).</summary>
    public Profession? Profession { get; init; }
    public required SlotType Type { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    /// <summary>Held back for same-day acute needs: staff may book it, residents may not book it from the web.</summary>
    public bool AcuteReserved { get; init; }
    /// <summary>Residents may book this time themselves.</summary>
    public bool WebBookable { get; init; }
    /// <summary>The weekly pattern this time was generated from; null for a time added by hand.</summary>
    public ScheduleTemplateId? TemplateId { get; init; }
    /// <summary>Taken out of the schedule (leave, a closed day, a removed pattern): not bookable, kept for history.</summary>
    public bool Withdrawn { get; set; }
}

/// <summary>
/// A booking of a slot for a resident. At most one booking per slot is active (status Bokad): the database enforces it
/// with a unique index filtered on the status, so two concurrent bookings of one slot cannot both commit. Personal data.
/// </summary>
[PersonalData]
public sealed class Appointment
{
    public AppointmentId Id { get; init; } = StrongId.New<AppointmentId>();
    public required SlotId SlotId { get; init; }
    public required UnitId UnitId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public AppointmentStatus Status { get; set; } = AppointmentStatus.Bokad;
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset BookedAt { get; init; }
    public required Guid BookedBy { get; init; }
    public DateTimeOffset? CancelledAt { get; set; }
    /// <summary>Cancelled closer to the visit than the unit's web cancellation limit: followed up like a no-show.</summary>
    public bool LateCancellation { get; set; }
    /// <summary>What the visit is for, as the resident or staff chose it (a unit's booking reason); personal data.</summary>
    public string? Reason { get; init; }
    /// <summary>An invitation (kallelse) from staff that the resident has not yet confirmed or changed.</summary>
    public bool AwaitingConfirmation { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>The booking this one replaced when the resident or staff rebooked.</summary>
    public AppointmentId? RebookedFrom { get; init; }
}
