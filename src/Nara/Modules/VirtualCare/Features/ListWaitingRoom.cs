using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>
/// The unit's waiting room: today's video and chat visits at the actor's unit, who has checked in and since when, who
/// is in a meeting, which are done. Each resident shown is an audited disclosure (one Search event per visit).
/// </summary>
public sealed class ListWaitingRoom(NaraDbContext db, IBookedVisits visits, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Item(Guid AppointmentId, Guid ResidentId, string ResidentName, MeetingKind Kind, DateTimeOffset Start, DateTimeOffset End,
        MeetingState State, DateTimeOffset? CheckedInAt, int? WaitingMinutes, string? ClinicianName);

    public sealed record Response(DateOnly Day, IReadOnlyList<Item> Items, int Waiting);

    public async Task<Response> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att se dess väntrum.");
        }
        var now = time.GetUtcNow();
        var today = Stockholm.Today(time);
        var from = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), Stockholm.Zone.GetUtcOffset(today.ToDateTime(TimeOnly.MinValue)));
        var tomorrow = today.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var to = new DateTimeOffset(tomorrow, Stockholm.Zone.GetUtcOffset(tomorrow));
        var digital = (await visits.ListAtUnitAsync(unit, from, to, ct)).Where(v => v.Type is SlotType.Video or SlotType.Chatt).ToList();
        var ids = digital.Select(v => v.AppointmentId).ToList();
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => ids.Contains(m.AppointmentId)).ToDictionaryAsync(m => m.AppointmentId, ct);
        var people = await residents.GetManyAsync(digital.Select(v => v.Resident).Distinct().ToList(), ct);
        var items = new List<Item>();
        foreach (var v in digital)
        {
            var room = new Room(v, meetings.GetValueOrDefault(v.AppointmentId), null, MeetingRole.Colleague);
            var state = MeetingRooms.StateOf(room);
            var resident = people.GetValueOrDefault(v.Resident);
            var m = room.Meeting;
            items.Add(new Item(v.AppointmentId.Value, v.Resident.Value, resident?.Name ?? "–", room.Kind, v.Start, v.End, state, m?.CheckedInAt,
                state == MeetingState.Vantar && m is not null ? (int)(now - m.CheckedInAt).TotalMinutes : null, m?.ClinicianName));
        }
        // Everyone in the waiting room, audited in one batch.
        await access.AuditUnitListAsync(actor, digital.Select(v => v.Resident), "Väntrum (digitala vårdmöten)", AuditAction.Search, null, ct);
        // The ones waiting first (longest wait first), then by booked time.
        var ordered = items.OrderBy(i => i.State == MeetingState.Vantar ? 0 : i.State == MeetingState.Pagar ? 1 : i.State == MeetingState.EjIncheckad ? 2 : 3)
            .ThenBy(i => i.State == MeetingState.Vantar ? i.CheckedInAt!.Value.UtcTicks : i.Start.UtcTicks).ToList();
        return new Response(today, ordered, ordered.Count(i => i.State == MeetingState.Vantar));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/virtualcare/waiting-room", async (HttpContext http, ListWaitingRoom handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithVirtualCareProblems()
            .WithSummary("Väntrummet på din enhet: dagens video- och chattbesök, vilka som har checkat in och sedan när.");
}
