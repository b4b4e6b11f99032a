using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// The unit's bookings in figures: the waitlist now (residents waiting, open offers) and, week by week (Monday to Sunday,
/// Swedish time) for the last weeks up to this one, how the booked visits went: done, did not attend, cancelled late,
/// cancelled in time, and still booked (not yet held, or held but not yet recorded). Counts only, nobody named.
/// </summary>
[NoAccessCheck("Counts of visits and waitlist wishes at the actor's own unit; no person is read or shown.")]
public sealed class GetUnitBookingFigures(NaraDbContext db, TimeProvider time) : IFeature
{
    public const int MaxWeeks = 26;

    public sealed record Week(DateOnly Monday, int WeekNumber, int Done, int NoShow, int CancelledLate, int Cancelled, int Booked);

    public sealed record Figures(int Waiting, int OpenOffers, IReadOnlyList<Week> Weeks);

    public async Task<Figures> HandleAsync(Actor actor, int? weeks, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet.");
        var count = weeks ?? 8;
        if (count is < 1 or > MaxWeeks)
        {
            throw ProblemException.Invalid("weeks", $"Antal veckor ska vara mellan 1 och {MaxWeeks}.");
        }
        var today = Stockholm.Today(time);
        var thisMonday = Stockholm.MondayOf(today);
        var firstMonday = thisMonday.AddDays(-7 * (count - 1));
        var from = Stockholm.ToUtc(firstMonday, TimeOnly.MinValue)!.Value;
        var to = Stockholm.ToUtc(thisMonday.AddDays(7), TimeOnly.MinValue)!.Value;
        var visits = await db.Set<Appointment>().AsNoTracking()
            .Where(a => a.UnitId == unit && a.Start >= from && a.Start < to)
            .Select(a => new { a.Start, a.Status, a.LateCancellation }).ToListAsync(ct);
        var waiting = await db.Set<WaitlistEntry>().AsNoTracking().CountAsync(e => e.UnitId == unit && e.Status == WaitlistStatus.Aktiv, ct);
        var offers = await (from o in db.Set<WaitlistOffer>().AsNoTracking()
                            join s in db.Set<Slot>().AsNoTracking() on o.SlotId equals s.Id
                            where s.UnitId == unit && o.Status == OfferStatus.Oppet
                            select o.Id).CountAsync(ct);
        var byWeek = visits.ToLookup(v => (Stockholm.DateOf(v.Start).DayNumber - firstMonday.DayNumber) / 7);
        var result = Enumerable.Range(0, count).Select(i =>
        {
            var week = byWeek[i].ToList();
            var monday = firstMonday.AddDays(7 * i);
            return new Week(monday, ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)),
                week.Count(v => v.Status == AppointmentStatus.Genomford), week.Count(v => v.Status == AppointmentStatus.UteBlev),
                week.Count(v => v.Status == AppointmentStatus.Avbokad && v.LateCancellation), week.Count(v => v.Status == AppointmentStatus.Avbokad && !v.LateCancellation),
                week.Count(v => v.Status == AppointmentStatus.Bokad));
        }).ToList();
        return new Figures(waiting, offers, result);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/figures", async (int? weeks, HttpContext http, GetUnitBookingFigures handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, weeks, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Bokning")
            .WithSummary("Din enhets bokningar i siffror: väntelistan nu (väntande, öppna erbjudanden) och vecka för vecka (weeks, 1–26, standard 8) hur besöken gick. Bara antal.");
}
