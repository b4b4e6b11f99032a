using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// The unit's waitlist for its staff: the active wishes in the order freed times are offered (urgency, then the longest
/// wait), a page at a time, with each wish's open offer if it has one. Each resident shown is an audited read, on the care
/// relationship the wish is, as on the unit's day list.
/// </summary>
public sealed class ListUnitWaitlist(NaraDbContext db, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    public const int DefaultPageSize = 25;

    /// <param name="Page">Page number from 1.</param>
    /// <param name="PageSize">Wishes per page, default 25, at most 100.</param>
    public sealed record Query(int? Page, int? PageSize);

    /// <summary>An open offer of a freed time: when the time is and when the answer is due.</summary>
    public sealed record OpenOffer(Guid OfferId, DateTimeOffset Start, DateTimeOffset ExpiresAt);

    /// <summary>
    /// A wish: its place in the whole queue (from 1), type, the last useful day, and the booking it would replace (when,
    /// with which profession: a wish names no profession of its own), urgency, whole days waited (Swedish dates), the
    /// open offer if one awaits the resident's answer, and how many earlier offers were declined or left to expire.
    /// </summary>
    public sealed record Item(Guid EntryId, int Place, Guid ResidentId, string ResidentName, string Personnummer, SlotType Type, Profession? ReplacesProfession,
        DateTimeOffset CreatedAt, DateOnly? LatestDate, DateTimeOffset? ReplacesStart, int Urgency, int WaitingDays, OpenOffer? Offer, int OffersAnswered);

    /// <summary>Where the whole queue's waiting days fall: up to 7, 14, 30 and 60 days, and longer.</summary>
    public static readonly IReadOnlyList<int> WaitBandLimits = [7, 14, 30, 60];

    /// <summary>A page of the queue, its total, and <c>WaitBands</c>: how many wishes in the whole queue have waited at most 7, 14, 30, 60 days, and longer.</summary>
    public sealed record Result(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize, IReadOnlyList<int> WaitBands);

    public async Task<Result> HandleAsync(Actor actor, UnitId unit, Query query, CancellationToken ct)
    {
        if (actor.Unit != unit)
        {
            throw ProblemException.Forbidden("Du kan bara se väntelistan på den enhet du arbetar på.");
        }
        var (page, pageSize) = Paging.Check(query.Page, query.PageSize, DefaultPageSize);
        var active = db.Set<WaitlistEntry>().AsNoTracking().Where(w => w.UnitId == unit && w.Status == WaitlistStatus.Aktiv);
        // The order OfferFreedSlot offers in, sorted here because SQLite cannot order by a DateTimeOffset: only the keys
        // of the whole queue are read, the page's wishes after.
        var queue = (await active.Select(w => new { w.Id, w.Urgency, w.CreatedAt }).ToListAsync(ct))
            .OrderByDescending(w => w.Urgency).ThenBy(w => w.CreatedAt.UtcTicks).ThenBy(w => w.Id.Value)
            .ToList();
        var ids = queue.Skip((page - 1) * pageSize).Take(pageSize).Select(w => w.Id).ToList();
        var byId = await active.Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var entries = ids.Where(byId.ContainsKey).Select(id => byId[id]).ToList();

        var now = time.GetUtcNow();
        var offers = await (from o in db.Set<WaitlistOffer>().AsNoTracking()
                            join s in db.Set<Slot>().AsNoTracking() on o.SlotId equals s.Id
                            where ids.Contains(o.EntryId)
                            select new { o.Id, o.EntryId, o.Status, o.ExpiresAt, s.Start }).ToListAsync(ct);
        var replacedIds = entries.Where(e => e.ReplacesAppointmentId is not null).Select(e => e.ReplacesAppointmentId!.Value).ToList();
        var replaced = (await (from a in db.Set<Appointment>().AsNoTracking()
                               join s in db.Set<Slot>().AsNoTracking() on a.SlotId equals s.Id
                               where replacedIds.Contains(a.Id)
                               select new { a.Id, a.Start, s.Profession }).ToListAsync(ct))
            .ToDictionary(a => a.Id);
        var today = Stockholm.Today(time);

        var people = await residents.GetManyAsync(entries.Select(e => e.ResidentId).Distinct().ToList(), ct);
        var items = new List<Item>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (people.GetValueOrDefault(e.ResidentId) is not { } person)
            {
                continue;
            }
            var mine = offers.Where(o => o.EntryId == e.Id).ToList();
            var open = mine.Where(o => o.Status == OfferStatus.Oppet && now < o.ExpiresAt).OrderBy(o => o.Start.UtcTicks).FirstOrDefault();
            var r = e.ReplacesAppointmentId is { } rid ? replaced.GetValueOrDefault(rid) : null;
            items.Add(new Item(e.Id.Value, ((page - 1) * pageSize) + i + 1, person.Id.Value, person.Name, person.Personnummer, e.Type, r?.Profession,
                e.CreatedAt, e.LatestDate, r?.Start, e.Urgency, today.DayNumber - Stockholm.DateOf(e.CreatedAt).DayNumber,
                open is null ? null : new OpenOffer(open.Id.Value, open.Start, open.ExpiresAt),
                mine.Count(o => o.Status is OfferStatus.Avbojt or OfferStatus.UtgangetUt)));
        }
        // Everyone on the page, audited in one batch.
        await access.AuditUnitListAsync(actor, items.Select(i => new ResidentId(i.ResidentId)), JoinWaitlist.AuditResource, AuditAction.Read, "Enhetens väntelista", ct);
        var bands = new int[WaitBandLimits.Count + 1];
        foreach (var w in queue)
        {
            var days = today.DayNumber - Stockholm.DateOf(w.CreatedAt).DayNumber;
            var band = 0;
            while (band < WaitBandLimits.Count && days > WaitBandLimits[band])
            {
                band++;
            }
            bands[band]++;
        }
        return new Result(items, queue.Count, page, pageSize, bands);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/units/{unitId:guid}/waitlist", async (Guid unitId, [AsParameters] Query query, HttpContext http, ListUnitWaitlist handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new UnitId(unitId), query, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Bokning")
            .WithSummary("Enhetens väntelista för personal på enheten: aktiva önskemål i den ordning lediga tider erbjuds (angelägenhetsgrad, sedan väntetid), med öppet erbjudande. page, pageSize (högst 100).");
}
