using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>
/// A rebooked agreed time stays the plan's agreed time: the activity that held the old booking now holds the new one, in
/// the rebooking's own transaction. Only a rebooking is looked at (an ordinary booking costs no query here). The plan
/// reads the time and status from Booking, so a cancellation needs nothing: the plan shows the time as cancelled.
/// </summary>
[NoAccessCheck("Moves a plan's agreed time along with a rebooking that Booking has authorised and audited, in its transaction.")]
internal sealed class AgreedTimeFollowsRebooking(NaraDbContext db) : IDomainEventSubscriber<AppointmentBooked>
{
    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct)
    {
        if (e.RebookedFrom is not { } old)
        {
            return;
        }
        foreach (var activity in await db.Set<PlanActivity>().Where(a => a.AppointmentId == old).ToListAsync(ct))
        {
            activity.AppointmentId = e.AppointmentId;
        }
    }
}
