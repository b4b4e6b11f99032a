using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Booking;

/// <summary>The worklist's bookings: the actor's own visits today that are still ahead (or began within the hour).</summary>
internal sealed class BookingWorkItems(ListUnitAppointments appointments, TimeProvider time) : IWorkItemSource
{
    public async Task<IReadOnlyList<WorkItem>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is null)
        {
            return [];
        }
        var now = time.GetUtcNow();
        return (await appointments.HandleAsync(actor, new ListUnitAppointments.Query(null, null), ct))
            .Where(a => a.StaffId == actor.Id && a.Status == AppointmentStatus.Bokad && a.End > now.AddHours(-1))
            .Select(a => new WorkItem("Bokning", a.Reason ?? "", a.ResidentId, a.ResidentName, a.Start, WorkUrgency.Idag, "/bokningar"))
            .ToList();
    }
}
