using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Contracts;

/// <summary>A booked visit as other modules see it (the virtual care centre, the care guarantee).</summary>
/// <param name="AppointmentId">The booking.</param>
/// <param name="Resident">Who the visit is for.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Staff">The staff member of the slot, if any.</param>
/// <param name="Type">Physical, video, phone or chat.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
/// <param name="Status">Booked, cancelled, done or no-show.</param>
public sealed record BookedVisit(
    AppointmentId AppointmentId, ResidentId Resident, UnitId Unit, StaffId? Staff, SlotType Type, DateTimeOffset Start, DateTimeOffset End, AppointmentStatus Status);

/// <summary>
/// Booked visits for other modules. These methods do not check access or audit: a caller that shows a visit to a
/// person decides access with <c>ResidentAccess</c> and audits the read itself.
/// </summary>
public interface IBookedVisits
{
    /// <summary>The visit, or null.</summary>
    Task<BookedVisit?> GetAsync(AppointmentId appointmentId, CancellationToken ct);

    /// <summary>Active and done visits at a unit starting in [from, to), by start time.</summary>
    Task<IReadOnlyList<BookedVisit>> ListAtUnitAsync(UnitId unit, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>A resident's visits (any status) starting in [from, to), by start time.</summary>
    Task<IReadOnlyList<BookedVisit>> ListForResidentAsync(ResidentId resident, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>
    /// Records that a booked visit took place (status Genomförd) and publishes <see cref="VisitCompleted"/>. Runs in the
    /// caller's transaction; the caller audits. Returns false when the visit is not booked (cancelled, already done).
    /// </summary>
    Task<bool> RecordVisitAsync(AppointmentId appointmentId, StaffId by, CancellationToken ct);
}
