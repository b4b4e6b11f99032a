using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>The resident's own and their children's bookings, upcoming first, then past.</summary>
public sealed class ListMyAppointments(NaraDbContext db, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, Guid UnitId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, AppointmentStatus Status, bool Upcoming, bool AwaitingConfirmation, bool CanChange)
    {
        /// <summary>The profession the time is with, when the slot names one (kept when the resident moves the time).</summary>
        public Organisation.Contracts.Profession? Profession { get; init; }

        /// <summary>Cancelled a moment ago and the time still ahead: the cancellation can be undone (<see cref="UndoCancellation"/>).</summary>
        public bool CanUndo { get; init; }

        /// <summary>When the booking was cancelled, if it was.</summary>
        public DateTimeOffset? CancelledAt { get; init; }
    }

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var items = new List<Item>();
        var rulesByUnit = new Dictionary<UnitId, UnitBookingRules>();
        foreach (var (person, grant) in await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(BookSlot.AuditResource), ct))
        {
            var id = person.Id;
            var rows = await (from a in db.Set<Appointment>().AsNoTracking()
                              join s in db.Set<Slot>().AsNoTracking() on a.SlotId equals s.Id
                              where a.ResidentId == id
                              select new { a.Id, a.UnitId, s.Start, s.End, s.Type, s.Profession, a.Status, a.AwaitingConfirmation, a.CancelledAt }).ToListAsync(ct);
            if (rows.Count == 0)
            {
                continue;
            }
            await grant.AuditAsync(null, ct);
            foreach (var r in rows)
            {
                var upcoming = r.Status == AppointmentStatus.Bokad && r.Start > now;
                // One read of a unit's rules per unit, not per booking (a resident's history can hold many).
                if (!rulesByUnit.TryGetValue(r.UnitId, out var rules))
                {
                    rulesByUnit[r.UnitId] = rules = await db.BookingRulesAsync(r.UnitId, ct);
                }
                items.Add(new Item(r.Id.Value, id.Value, person.Name, r.UnitId.Value, r.Start, r.End, r.Type, r.Status, upcoming,
                    upcoming && r.AwaitingConfirmation, upcoming && r.Start - now >= TimeSpan.FromHours(rules.WebCancellationHours)) { Profession = r.Profession, CanUndo = UndoCancellation.CanUndo(r.Status, r.CancelledAt, r.Start, now), CancelledAt = r.CancelledAt });
            }
        }
        return items.OrderByDescending(i => i.Upcoming).ThenBy(i => i.Upcoming ? i.Start.UtcTicks : -i.Start.UtcTicks).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/my-appointments", async (HttpContext http, ListMyAppointments handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Bokning")
            .WithSummary("Mina och mina barns bokningar: kommande först, sedan tidigare.");
}
