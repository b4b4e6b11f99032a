using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking;

[NoAccessCheck("A contract for the virtual care centre, whose use cases check access (MeetingRooms).")]
internal sealed class BookedVisits(NaraDbContext db, DomainEvents events, TimeProvider time) : IBookedVisits
{
    public async Task<BookedVisit?> GetAsync(AppointmentId appointmentId, CancellationToken ct) =>
        (await Query().Where(x => x.Appointment.Id == appointmentId).ToListAsync(ct)).Select(ToVisit).FirstOrDefault();

    public async Task<IReadOnlyList<BookedVisit>> ListAtUnitAsync(UnitId unit, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await Query()
            .Where(x => x.Appointment.UnitId == unit && (x.Appointment.Status == AppointmentStatus.Bokad || x.Appointment.Status == AppointmentStatus.Genomford))
            .ToListAsync(ct);
        // DateTimeOffset comparison is not translated on SQLite: the unit's rows are filtered by time in memory.
        return rows.Where(x => x.Slot.Start >= from && x.Slot.Start < to).OrderBy(x => x.Slot.Start).Select(ToVisit).ToList();
    }

    public async Task<IReadOnlyList<BookedVisit>> ListForResidentAsync(ResidentId resident, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rows = await Query().Where(x => x.Appointment.ResidentId == resident).ToListAsync(ct);
        return rows.Where(x => x.Slot.Start >= from && x.Slot.Start < to).OrderBy(x => x.Slot.Start).Select(ToVisit).ToList();
    }

    public async Task<bool> RecordVisitAsync(AppointmentId appointmentId, StaffId by, CancellationToken ct)
    {
        var appointment = await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is not { Status: AppointmentStatus.Bokad })
        {
            return false;
        }
        var slot = await db.Set<Slot>().AsNoTracking().FirstAsync(s => s.Id == appointment.SlotId, ct);
        appointment.Status = AppointmentStatus.Genomford;
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new VisitCompleted(appointment.Id, appointment.ResidentId, appointment.UnitId, slot.StaffId ?? by, slot.Profession,
            slot.Type, time.GetUtcNow()), ct);
        return true;
    }

    private IQueryable<Row> Query() =>
        from a in db.Set<Appointment>().AsNoTracking()
        join s in db.Set<Slot>().AsNoTracking() on a.SlotId equals s.Id
        select new Row { Appointment = a, Slot = s };

    private static BookedVisit ToVisit(Row x) =>
        new(x.Appointment.Id, x.Appointment.ResidentId, x.Appointment.UnitId, x.Slot.StaffId, x.Slot.Type, x.Slot.Start, x.Slot.End, x.Appointment.Status);

    // A member-init projection, not a constructor: EF Core translates filters through member-init projections only.
    private sealed class Row
    {
        public required Appointment Appointment { get; init; }
        public required Slot Slot { get; init; }
    }
}
