using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Free times at a unit, nearest first, filtered by type, profession or booking reason and by date. Residents see only
/// times they may book from the web; staff at the unit see every free time, the acute-reserved ones too. Slots hold no
/// personal data, so the search is not audited.
/// </summary>
public sealed class SearchFreeSlots(NaraDbContext db, TimeProvider time) : IFeature
{
    public const int MaxDays = 92;
    public const int DefaultPageSize = 20;

    /// <param name="UnitId">The unit (required).</param>
    /// <param name="Type">Only this slot type.</param>
    /// <param name="Profession">Only times with this profession.</param>
    /// <param name="ReasonId">A unit's booking reason: sets type and profession.</param>
    /// <param name="From">First date (Swedish date), default today.</param>
    /// <param name="Days">How many days from the first date, default 14, at most 92.</param>
    /// <param name="Page">Page number from 1.</param>
    /// <param name="PageSize">Times per page, default 20, at most 100.</param>
    public sealed record Query(Guid? UnitId, SlotType? Type, Profession? Profession, Guid? ReasonId, DateOnly? From, int? Days, int? Page, int? PageSize);

    /// <summary>A free time; <c>StaffId</c> is the clinician the time is with, when the schedule names one.</summary>
    public sealed record FreeSlot(Guid SlotId, Guid UnitId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Profession? Profession, bool AcuteReserved, Guid? StaffId);

    public sealed record Result(IReadOnlyList<FreeSlot> Slots, int Page, bool HasMore);

    public async Task<Result> HandleAsync(Actor actor, Query query, CancellationToken ct)
    {
        if (query.UnitId is not { } unitGuid)
        {
            throw ProblemException.Invalid("unitId", "Välj en mottagning att söka tider på.");
        }
        var days = query.Days ?? 14;
        if (days is < 1 or > MaxDays)
        {
            throw ProblemException.Invalid("days", $"Sök högst {MaxDays} dagar framåt.");
        }
        var (page, pageSize) = Paging.Check(query.Page, query.PageSize, DefaultPageSize);
        var unit = new UnitId(unitGuid);
        var type = query.Type;
        var profession = query.Profession;
        if (query.ReasonId is { } reasonId)
        {
            var reason = await db.Set<BookingReason>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == new BookingReasonId(reasonId) && r.UnitId == unit, ct);
            if (reason is null || (actor.IsResident && !reason.WebBookable))
            {
                throw ProblemException.Invalid("reasonId", "Anledningen finns inte på den här mottagningen.");
            }
            type = reason.Type;
            profession = reason.Profession ?? profession;
        }
        var now = time.GetUtcNow();
        var firstDate = DateBounds.Check("from", query.From) ?? Stockholm.Today(time);
        var start = Stockholm.ToUtc(firstDate, TimeOnly.MinValue) ?? now;
        var end = Stockholm.ToUtc(firstDate.AddDays(days), TimeOnly.MinValue) ?? now;
        if (start < now)
        {
            start = now;
        }

        var slots = db.Set<Slot>().AsNoTracking().Where(s => s.UnitId == unit && !s.Withdrawn && s.Start > start && s.Start < end);
        if (actor.IsResident)
        {
            var rules = await db.BookingRulesAsync(unit, ct);
            var webTypes = rules.WebTypeList.ToList();
            slots = slots.Where(s => s.WebBookable && !s.AcuteReserved && webTypes.Contains(s.Type));
        }
        else if (actor.Unit != unit)
        {
            // Staff at another unit may look for times to refer to, but not at the times held back for acute needs.
            slots = slots.Where(s => !s.AcuteReserved);
        }
        if (type is { } t)
        {
            slots = slots.Where(s => s.Type == t);
        }
        if (profession is { } p)
        {
            slots = slots.Where(s => s.Profession == p);
        }
        var booked = db.BookedSlotIds();
        var rows = await slots.Where(s => !booked.Contains(s.Id))
            .OrderBy(s => s.Start).ThenBy(s => s.Id)
            .Skip((page - 1) * pageSize).Take(pageSize + 1)
            .Select(s => new { s.Id, s.UnitId, s.Start, s.End, s.Type, s.Profession, s.AcuteReserved, s.StaffId })
            .ToListAsync(ct);
        return new Result(rows.Take(pageSize).Select(s => new FreeSlot(s.Id.Value, s.UnitId.Value, s.Start, s.End, s.Type, s.Profession, s.AcuteReserved, s.StaffId?.Value)).ToList(),
            page, rows.Count > pageSize);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/free-slots", async ([AsParameters] Query query, HttpContext http, SearchFreeSlots handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, query, ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Bokning")
            .WithSummary("Lediga tider på en mottagning, närmast först. Filtrera på typ, yrke, anledning och datum. Invånare ser bara tider som kan bokas på webben.");
}
