using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>The actor's unit's weekly patterns (current and coming), absences from today, booking rules and reasons.</summary>
[NoAccessCheck("The unit's schedule; bookings are only counted per pattern (which times are taken), no person is read or shown.")]
public sealed class GetUnitSchedule(NaraDbContext db, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    public sealed record Template(Guid Id, Guid StaffId, string StaffName, Profession Profession, SlotType Type, DayOfWeek Weekday,
        TimeOnly Start, TimeOnly End, int SlotMinutes, DateOnly ValidFrom, DateOnly? ValidUntil, bool WebBookable, bool AcuteReserved)
    {
        /// <summary>The pattern's free times from now on: what ending it today removes from the schedule.</summary>
        public int FreeAhead { get; init; }

        /// <summary>The pattern's booked times from now on: these stay when it ends, and are listed to be moved.</summary>
        public int BookedAhead { get; init; }
    }

    public sealed record Absence(Guid Id, Guid? StaffId, string? StaffName, DateOnly From, DateOnly To, AbsenceReason Reason, string? Note);

    public sealed record Reason(Guid Id, string Name, SlotType Type, Profession? Profession, bool WebBookable);

    public sealed record StaffOption(Guid Id, string Name, Profession Profession);

    public sealed record Schedule(Guid UnitId, IReadOnlyList<Template> Templates, IReadOnlyList<Absence> Absences, IReadOnlyList<SlotType> WebTypes,
        int WebCancellationHours, int HorizonDays, IReadOnlyList<Reason> Reasons, IReadOnlyList<StaffOption> Staff);

    public async Task<Schedule> HandleAsync(Actor actor, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att se schemat.");
        var today = Stockholm.Today(time);
        var staff = (await organisation.ListStaffAsync(unit, ct)).Where(s => s.Role is StaffRole.Vardpersonal or StaffRole.Verksamhetschef).ToList();
        var names = staff.ToDictionary(s => s.Id, s => s.Name);
        var templates = await db.Set<ScheduleTemplate>().AsNoTracking().Where(t => t.UnitId == unit).ToListAsync(ct);
        var absences = await db.Set<ScheduleAbsence>().AsNoTracking().Where(a => a.UnitId == unit && a.To >= today).ToListAsync(ct);
        var rules = await db.BookingRulesAsync(unit, ct);
        var reasons = await db.Set<BookingReason>().AsNoTracking().Where(r => r.UnitId == unit).OrderBy(r => r.Name).ToListAsync(ct);
        var now = time.GetUtcNow();
        var booked = db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId);
        var ahead = (await db.Set<Slot>().AsNoTracking()
                .Where(s => s.UnitId == unit && s.TemplateId != null && !s.Withdrawn && s.Start > now)
                .Select(s => new { s.TemplateId, Booked = booked.Contains(s.Id) })
                .ToListAsync(ct))
            .GroupBy(s => s.TemplateId!.Value)
            .ToDictionary(g => g.Key, g => (Free: g.Count(s => !s.Booked), Booked: g.Count(s => s.Booked)));
        return new Schedule(unit.Value,
            templates.Where(t => t.ValidUntil is not { } u || u >= today)
                .OrderBy(t => names.GetValueOrDefault(t.StaffId)).ThenBy(t => ((int)t.Weekday + 6) % 7).ThenBy(t => t.Start)
                .Select(t => new Template(t.Id.Value, t.StaffId.Value, names.GetValueOrDefault(t.StaffId) ?? "–", t.Profession, t.Type, t.Weekday, t.Start, t.End,
                    t.SlotMinutes, t.ValidFrom, t.ValidUntil, t.WebBookable, t.AcuteReserved)
                {
                    FreeAhead = ahead.GetValueOrDefault(t.Id).Free,
                    BookedAhead = ahead.GetValueOrDefault(t.Id).Booked,
                }).ToList(),
            absences.OrderBy(a => a.From)
                .Select(a => new Absence(a.Id.Value, a.StaffId?.Value, a.StaffId is { } s ? names.GetValueOrDefault(s) : null, a.From, a.To, a.Reason, a.Note)).ToList(),
            rules.WebTypeList, rules.WebCancellationHours, rules.HorizonDays,
            reasons.Select(r => new Reason(r.Id.Value, r.Name, r.Type, r.Profession, r.WebBookable)).ToList(),
            staff.Select(s => new StaffOption(s.Id.Value, s.Name, s.Profession)).ToList());
    }

    public sealed record PublicOptions(IReadOnlyList<SlotType> WebTypes, IReadOnlyList<Reason> Reasons);

    /// <summary>What residents may book at a unit from the web: the slot types and the web-bookable reasons. Public, no personal data.</summary>
    public async Task<PublicOptions> PublicOptionsAsync(UnitId unit, CancellationToken ct)
    {
        var rules = await db.BookingRulesAsync(unit, ct);
        var reasons = await db.Set<BookingReason>().AsNoTracking().Where(r => r.UnitId == unit && r.WebBookable).OrderBy(r => r.Name).ToListAsync(ct);
        return new PublicOptions(rules.WebTypeList, reasons.Where(r => rules.AllowsFromWeb(r.Type)).Select(r => new Reason(r.Id.Value, r.Name, r.Type, r.Profession, r.WebBookable)).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/schedule", async (HttpContext http, GetUnitSchedule handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Schema")
            .WithSummary("Din enhets veckoscheman, frånvaro, bokningsregler och bokningsanledningar.");
}
