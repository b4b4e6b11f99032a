using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking;

/// <summary>A booking at a unit is a care relationship with it: from when it is made until 30 days after the visit.</summary>
[NoAccessCheck("One of the access rules' own sources of care relationships.")]
internal sealed class BookingCareRelationship(NaraDbContext db, TimeProvider time) : ICareRelationshipSource
{
    public async Task<bool> HasRelationshipAsync(ResidentId resident, UnitId unit, CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-30);
        var starts = await db.Set<Appointment>()
            .Where(a => a.ResidentId == resident && a.UnitId == unit && (a.Status == AppointmentStatus.Bokad || a.Status == AppointmentStatus.Genomford))
            .Select(a => a.Start).ToListAsync(ct);
        return starts.Any(s => s >= since);
    }
}
