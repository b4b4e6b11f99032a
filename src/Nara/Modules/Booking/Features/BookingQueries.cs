using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>Small queries several booking features share.</summary>
internal static class BookingQueries
{
    /// <summary>The unit's booking rules, or the defaults when the unit has set none.</summary>
    public static async Task<UnitBookingRules> BookingRulesAsync(this NaraDbContext db, UnitId unit, CancellationToken ct) =>
        await db.Set<UnitBookingRules>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == unit, ct) ?? UnitBookingRules.Default(unit);

    /// <summary>Ids of slots that have an active booking.</summary>
    public static IQueryable<Guid> BookedSlotIds(this NaraDbContext db) =>
        db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId);
}
