using System.Linq.Expressions;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking;

/// <summary>A booking at a unit is a care relationship with it: from when it is made until 30 days after the visit.</summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class BookingCareRelationship : ICareRelationshipSource
{
    // Start is stored in UTC (as every time is, and as the window's start is given), so the comparison runs in SQL on both engines.
    private static readonly Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> Bookings =
        (db, unit, since, sinceDate) => db.Set<Appointment>()
            .Where(a => a.UnitId == unit && (a.Status == AppointmentStatus.Bokad || a.Status == AppointmentStatus.Genomford) && a.Start >= since)
            .Select(a => a.ResidentId);

    public Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo => Bookings;
}
