using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking;

/// <summary>Free times and booking for other modules' flows, on the same rules as <see cref="BookSlot"/>.</summary>
[NoAccessCheck("Free times read only which slots are taken, not by whom; booking checks and audits through BookSlot.CheckAsync.")]
internal sealed class ResidentBooking(NaraDbContext db, BookSlot book) : IResidentBooking
{
    public async Task<IReadOnlyList<OfferedSlot>> FreeWebSlotsAsync(UnitId unit, IReadOnlyCollection<SlotType> types, DateTimeOffset from, DateTimeOffset to, int max,
        CancellationToken ct)
    {
        var rules = await db.Set<UnitBookingRules>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unit, ct) ?? UnitBookingRules.Default(unit);
        return await FreeAsync(unit, types.Where(rules.AllowsFromWeb).ToList(), from, to, max, web: true, ct);
    }

    public Task<IReadOnlyList<OfferedSlot>> FreeUnitSlotsAsync(UnitId unit, IReadOnlyCollection<SlotType> types, DateTimeOffset from, DateTimeOffset to, int max,
        CancellationToken ct) => FreeAsync(unit, types.ToList(), from, to, max, web: false, ct);

    // Free times of these types at the unit, nearest first; from the web only web-bookable ones not kept for acute needs.
    private async Task<IReadOnlyList<OfferedSlot>> FreeAsync(UnitId unit, List<SlotType> types, DateTimeOffset from, DateTimeOffset to, int max, bool web, CancellationToken ct)
    {
        var booked = db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId);
        var query = db.Set<Slot>().AsNoTracking()
            .Where(s => s.UnitId == unit && types.Contains(s.Type) && !s.Withdrawn && s.Start >= from && s.Start < to && !booked.Contains(s.Id));
        if (web)
        {
            query = query.Where(s => s.WebBookable && !s.AcuteReserved);
        }
        var slots = await query.OrderBy(s => s.Start).Take(max).ToListAsync(ct);
        return slots.Select(s => new OfferedSlot(s.Id, s.UnitId, s.Start, s.End, s.Type, s.Profession) { Staff = s.StaffId }).ToList();
    }

    public async Task<BookedTime> BookInTransactionAsync(Actor actor, SlotId slotId, ResidentId resident, string? reason, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("BookInTransactionAsync runs in the caller's transaction.");
        }
        var found = await book.CheckAsync(actor, slotId, resident.Value, ct);
        var slot = found.Slot;
        var appointment = book.NewAppointment(actor, slot, found.Resident, reason, invitation: false, null);
        await book.InsertOrRefuseAsync(appointment, slot, actor, ct);
        // The caller's transaction may have started clocks the slot's read could not see yet (a triage case opened in it).
        await book.AuditAndPublishAsync(actor, found, appointment, null, ct, clocksMayHaveChanged: true);
        return new BookedTime(appointment.Id, slot.Id, slot.UnitId, slot.Start, slot.End, slot.Type, slot.Profession);
    }
}
