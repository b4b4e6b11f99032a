using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>The resident's own and their children's waitlist wishes and open offers.</summary>
public sealed class ListMyWaitlist(NaraDbContext db, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Entry(Guid Id, Guid ResidentId, string ResidentName, Guid UnitId, SlotType Type, int Urgency, DateOnly? LatestDate,
        Guid? ReplacesAppointmentId, DateTimeOffset CreatedAt, WaitlistStatus Status);

    public sealed record Offer(Guid Id, Guid ResidentId, string ResidentName, Guid UnitId, SlotType Type, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset ExpiresAt);

    public sealed record Result(IReadOnlyList<Entry> Entries, IReadOnlyList<Offer> OpenOffers);

    public async Task<Result> HandleAsync(Actor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var entries = new List<Entry>();
        var offers = new List<Offer>();
        foreach (var (person, grant) in await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(JoinWaitlist.AuditResource), ct))
        {
            var id = person.Id;
            var mine = await db.Set<WaitlistEntry>().AsNoTracking().Where(w => w.ResidentId == id && w.Status == WaitlistStatus.Aktiv).ToListAsync(ct);
            var open = await (from o in db.Set<WaitlistOffer>().AsNoTracking()
                              join s in db.Set<Slot>().AsNoTracking() on o.SlotId equals s.Id
                              where o.ResidentId == id && o.Status == OfferStatus.Oppet
                              select new { o.Id, o.ExpiresAt, s.UnitId, s.Type, s.Start, s.End }).ToListAsync(ct);
            if (mine.Count == 0 && open.Count == 0)
            {
                continue;
            }
            await grant.AuditAsync(null, ct);
            entries.AddRange(mine.Select(w => new Entry(w.Id.Value, id.Value, person.Name, w.UnitId.Value, w.Type, w.Urgency, w.LatestDate, w.ReplacesAppointmentId?.Value, w.CreatedAt, w.Status)));
            offers.AddRange(open.Where(o => now < o.ExpiresAt).Select(o => new Offer(o.Id.Value, id.Value, person.Name, o.UnitId.Value, o.Type, o.Start, o.End, o.ExpiresAt)));
        }
        return new Result(entries.OrderBy(e => e.CreatedAt.UtcTicks).ToList(), offers.OrderBy(o => o.Start.UtcTicks).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/waitlist/mine", async (HttpContext http, ListMyWaitlist handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Bokning")
            .WithSummary("Mina och mina barns önskemål om tidigare tid och öppna erbjudanden.");
}
