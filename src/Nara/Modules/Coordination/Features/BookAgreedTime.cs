using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The agreed time (överenskommen tid) of a planned activity: a real slot at the activity's unit booked with the person,
/// through Booking in the plan's own transaction, so the plan and the calendar never disagree (the plan reads the
/// booking's time and status from Booking; a rebooking moves the plan along). The person books among the unit's web
/// times, staff of the unit among all its times. A time in the past, a taken slot or a slot at another unit is refused
/// and nothing is written.
/// </summary>
public sealed class BookAgreedTime(NaraDbContext db, ResidentAccess access, IResidentBooking booking, IBookedVisits visits, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="SlotId">The free time to book.</param>
    public sealed record Request(Guid? SlotId);

    /// <param name="Slots">Free times at the activity's unit that the caller may book, nearest first.</param>
    /// <param name="UnitName">The unit.</param>
    /// <param name="Note">Why there are none to choose from, when the caller cannot book at that unit.</param>
    public sealed record FreeTimes(IReadOnlyList<OfferedSlot> Slots, string UnitName, string? Note);

    /// <param name="AppointmentId">The booking.</param>
    /// <param name="Start">When.</param>
    /// <param name="End">Until.</param>
    /// <param name="Type">Visit, video, phone or chat.</param>
    public sealed record Booked(Guid AppointmentId, DateTimeOffset Start, DateTimeOffset End, SlotType Type);

    private static readonly SlotType[] AllTypes = [SlotType.Besok, SlotType.Video, SlotType.Telefon, SlotType.Chatt];

    /// <summary>Free times for the activity in the eight weeks from <paramref name="from"/> (today if earlier or left out).</summary>
    public async Task<FreeTimes> FreeTimesAsync(Actor actor, ResidentId resident, PlanActivityId id, DateOnly? from, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Read(CarePlans.AuditResource) with { AuditWhenDone = true }, ct);
        var (_, activity) = await OpenAsync(actor, resident, id, ct);
        var unit = await organisation.GetUnitAsync(activity.OwnerUnitId, ct);
        var unitName = unit?.Name ?? "–";
        var today = Stockholm.Today(time);
        var day = from is { } f && f > today ? f : today;
        var start = Stockholm.ToUtc(day, TimeOnly.MinValue) ?? time.GetUtcNow();
        var end = start.AddDays(56);
        var now = time.GetUtcNow();
        IReadOnlyList<OfferedSlot> slots;
        string? note = null;
        if (actor.IsResident)
        {
            slots = await booking.FreeWebSlotsAsync(activity.OwnerUnitId, AllTypes, start > now ? start : now, end, 40, ct);
        }
        else if (actor.Unit == activity.OwnerUnitId)
        {
            slots = await booking.FreeUnitSlotsAsync(activity.OwnerUnitId, AllTypes, start > now ? start : now, end, 40, ct);
        }
        else
        {
            slots = [];
            note = $"Tiden bokas av {unitName}, eller av personen själv på webben.";
        }
        await grant.AuditAsync($"Lediga tider för aktivitet: {activity.Title}", ct);
        return new FreeTimes(slots, unitName, note);
    }

    public async Task<Booked> BookAsync(Actor actor, ResidentId resident, PlanActivityId id, Request request, CancellationToken ct)
    {
        if (request.SlotId is not { } slotId)
        {
            throw ProblemException.Invalid("slotId", "Välj en tid.");
        }
        var grant = await access.RequireAsync(actor, resident, CarePlans.Change, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (state, activity) = await OpenAsync(actor, resident, id, ct);
        if (activity.Status is ActivityStatus.Klar or ActivityStatus.Installd)
        {
            throw ProblemException.Conflict("activityId", "Aktiviteten är klar eller inställd och behöver ingen tid.");
        }
        if (activity.AppointmentId is { } current && await visits.GetAsync(current, ct) is { Status: AppointmentStatus.Bokad })
        {
            throw ProblemException.Conflict("activityId", "Aktiviteten har redan en bokad tid. Boka om den under Mina bokningar (eller i enhetens kalender) om den behöver flyttas.");
        }
        var booked = await booking.BookInTransactionAsync(actor, new SlotId(slotId), resident, $"Överenskommen tid i planen: {activity.Title}", ct);
        if (booked.Unit != activity.OwnerUnitId)
        {
            throw ProblemException.Invalid("slotId", "Tiden är inte på enheten som ansvarar för aktiviteten. Välj en av tiderna som visas.");
        }
        if (booked.Start <= time.GetUtcNow())
        {
            throw ProblemException.Invalid("slotId", "Tiden har redan varit. Välj en tid framåt.");
        }
        activity.AppointmentId = booked.AppointmentId;
        activity.NeedsAgreedTime = true;
        await CarePlans.SaveAsync(db, state, grant, $"Överenskommen tid bokad: {activity.Title}, {Stockholm.ToLocal(booked.Start):yyyy-MM-dd HH:mm}", time.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return new Booked(booked.AppointmentId.Value, booked.Start, booked.End, booked.Type);
    }

    private async Task<(PlanState, PlanActivity)> OpenAsync(Actor actor, ResidentId resident, PlanActivityId id, CancellationToken ct)
    {
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        var activity = state.Activities.FirstOrDefault(a => a.Id == id) ?? throw ProblemException.NotFound("activityId", "Aktiviteten finns inte i planen.");
        return (state, activity);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/residents/{residentId:guid}/care-plan/activities/{activityId:guid}").RequireAuthorization().WithProblems().WithTags("Plan (patientkontrakt)");
        group.MapGet("/free-times", async (Guid residentId, Guid activityId, DateOnly? from, HttpContext http, BookAgreedTime handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.FreeTimesAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new PlanActivityId(activityId), from, ct)))
            .WithSummary("Lediga tider för aktivitetens överenskomna tid på den ansvariga enheten (åtta veckor från from).");
        group.MapPost("/agreed-time", async (Guid residentId, Guid activityId, Request request, HttpContext http, BookAgreedTime handler, CancellationToken ct) =>
            {
                var booked = await handler.BookAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new PlanActivityId(activityId), request, ct);
                return TypedResults.Created($"/api/booking/appointments/{booked.AppointmentId}", booked);
            })
            .WithWriteLimit()
            .WithSummary("Boka aktivitetens överenskomna tid (slotId): en riktig tid i bokningen, i samma transaktion som planens nya version.");
    }
}
