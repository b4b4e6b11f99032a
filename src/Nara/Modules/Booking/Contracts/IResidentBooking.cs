using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Contracts;

/// <summary>A free time a resident may book from the web.</summary>
public sealed record OfferedSlot(SlotId SlotId, UnitId Unit, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Profession? Profession)
{
    /// <summary>The member of staff whose time it is, when the slot has one.</summary>
    public StaffId? Staff { get; init; }
}

/// <summary>A booked time.</summary>
public sealed record BookedTime(AppointmentId AppointmentId, SlotId SlotId, UnitId Unit, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Profession? Profession);

/// <summary>Booking for a resident from another module's flow (the triage result's "Boka tid").</summary>
public interface IResidentBooking
{
    /// <summary>Free, web-bookable, not acute-reserved times at a unit of these types starting in [from, to), nearest first. Slots hold no personal data.</summary>
    Task<IReadOnlyList<OfferedSlot>> FreeWebSlotsAsync(UnitId unit, IReadOnlyCollection<SlotType> types, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct);

    /// <summary>
    /// Every free time at a unit of these types starting in [from, to), nearest first, as its staff may book them (also
    /// times kept for acute needs and times not open to the web). Slots hold no personal data.
    /// </summary>
    Task<IReadOnlyList<OfferedSlot>> FreeUnitSlotsAsync(UnitId unit, IReadOnlyCollection<SlotType> types, DateTimeOffset from, DateTimeOffset to, int max, CancellationToken ct);

    /// <summary>
    /// Books the slot for the resident in the caller's open transaction, with the same rules as <c>BookSlot</c>: a resident
    /// or guardian books web-bookable times, staff book times of their own unit, and a slot already taken is a 409 with
    /// alternatives. Audits the write and publishes <see cref="AppointmentBooked"/> (the confirmation and the clocks).
    /// </summary>
    Task<BookedTime> BookInTransactionAsync(Actor actor, SlotId slot, ResidentId resident, string? reason, CancellationToken ct);
}
