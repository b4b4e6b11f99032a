using Nara.Modules.Booking.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>The resident's own and their children's coming video and chat visits (including one going on now).</summary>
public sealed class ListMyDigitalVisits(IBookedVisits visits, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <summary>How far ahead the list looks.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    public sealed record Item(Guid AppointmentId, Guid ResidentId, string ResidentName, MeetingKind Kind, DateTimeOffset Start, DateTimeOffset End, bool CanCheckInNow);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var items = new List<Item>();
        foreach (var (person, grant) in await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(MeetingRooms.AuditResource), ct))
        {
            // From a day back, so that a visit going on now (or a long one) is on the list; ended ones are dropped below.
            var rows = (await visits.ListForResidentAsync(person.Id, now.AddDays(-1), now + Horizon, ct))
                .Where(v => v.Type is SlotType.Video or SlotType.Chatt && v.Status == AppointmentStatus.Bokad && v.End > now)
                .ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            await grant.AuditAsync(null, ct);
            items.AddRange(rows.Select(v => new Item(v.AppointmentId.Value, person.Id.Value, person.Name, v.Type == SlotType.Chatt ? MeetingKind.Chatt : MeetingKind.Video,
                v.Start, v.End, !CheckInWindow.IsTooEarly(v.Start, now))));
        }
        return items.OrderBy(i => i.Start).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/virtualcare/my-visits", async (HttpContext http, ListMyDigitalVisits handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithVirtualCareProblems()
            .WithSummary("Mina och mina barns kommande video- och chattbesök.");
}
