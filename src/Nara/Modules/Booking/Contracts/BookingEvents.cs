using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Contracts;

/// <summary>A slot was booked for a resident.</summary>
/// <param name="AppointmentId">The booking.</param>
/// <param name="SlotId">The slot it holds.</param>
/// <param name="Resident">Who the visit is for.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Staff">The staff member of the slot, if any.</param>
/// <param name="Profession">The profession that takes the slot, if known.</param>
/// <param name="Type">Physical, video, phone or chat.</param>
/// <param name="Start">When the visit starts.</param>
/// <param name="End">When it ends.</param>
/// <param name="BookedAt">When it was booked.</param>
/// <param name="BookedByStaff">True when staff booked on the resident's behalf.</param>
/// <param name="MayBeOnOffer">False when the slot had no open waitlist offer at booking, so none needs closing.</param>
/// <param name="MayStopClock">False when the resident had no care-guarantee clock at the unit at booking
/// (<c>ClockQueryParts.AnyAtUnit</c>), so there is none to read or stop.</param>
/// <param name="RebookedFrom">The booking this one replaces, for a rebooking (a plan's agreed time follows it).</param>
public sealed record AppointmentBooked(
    AppointmentId AppointmentId, SlotId SlotId, ResidentId Resident, UnitId Unit, StaffId? Staff, Profession? Profession, SlotType Type,
    DateTimeOffset Start, DateTimeOffset End, DateTimeOffset BookedAt, bool BookedByStaff, bool MayBeOnOffer = true, bool MayStopClock = true,
    AppointmentId? RebookedFrom = null) : IDomainEvent;

/// <summary>A booking was cancelled and its slot is free again.</summary>
/// <param name="AppointmentId">The booking.</param>
/// <param name="SlotId">The slot that is now free.</param>
/// <param name="Resident">Who the visit was for.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Type">The slot type.</param>
/// <param name="Start">When the visit would have started.</param>
/// <param name="CancelledAt">When it was cancelled.</param>
/// <param name="ByResident">True when the resident (or a guardian) cancelled; false when staff did.</param>
/// <param name="Late">True for a late cancellation (less than the unit's limit before the visit).</param>
public sealed record AppointmentCancelled(
    AppointmentId AppointmentId, SlotId SlotId, ResidentId Resident, UnitId Unit, SlotType Type, DateTimeOffset Start,
    DateTimeOffset CancelledAt, bool ByResident, bool Late) : IDomainEvent;

/// <summary>A booked visit took place (physical, phone, video or chat); it is a contact with care.</summary>
/// <param name="AppointmentId">The booking.</param>
/// <param name="Resident">Who the visit was for.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Staff">Who held the visit.</param>
/// <param name="Profession">Their profession, if known.</param>
/// <param name="Type">The slot type.</param>
/// <param name="At">When it was recorded as done.</param>
public sealed record VisitCompleted(
    AppointmentId AppointmentId, ResidentId Resident, UnitId Unit, StaffId? Staff, Profession? Profession, SlotType Type, DateTimeOffset At) : IDomainEvent;

/// <summary>The resident did not come to a booked visit.</summary>
/// <param name="AppointmentId">The booking.</param>
/// <param name="Resident">Who the visit was for.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Start">When the visit was.</param>
/// <param name="RegisteredAt">When the no-show was registered.</param>
public sealed record VisitNoShow(AppointmentId AppointmentId, ResidentId Resident, UnitId Unit, DateTimeOffset Start, DateTimeOffset RegisteredAt) : IDomainEvent;
