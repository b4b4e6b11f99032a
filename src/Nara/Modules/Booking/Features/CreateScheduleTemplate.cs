using System.Globalization;
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
/// Adds a weekly pattern for a staff member at the actor's unit and opens its times up to the unit's horizon, in one
/// transaction. A pattern that overlaps another of the same person (at any unit) is refused, naming the other one.
/// </summary>
public sealed class CreateScheduleTemplate(NaraDbContext db, IOrganisationDirectory organisation, GenerateSlots generate, TimeProvider time) : IFeature
{
    /// <param name="StaffId">Whose pattern.</param>
    /// <param name="Type">Besok, Video, Telefon or Chatt.</param>
    /// <param name="Weekday">Monday … Sunday.</param>
    /// <param name="Start">"HH:mm", Swedish time.</param>
    /// <param name="End">"HH:mm", after the start.</param>
    /// <param name="SlotMinutes">Length of each time, 5–240 minutes.</param>
    /// <param name="ValidFrom">First date; default today.</param>
    /// <param name="ValidUntil">Last date, inclusive; empty while it runs on.</param>
    /// <param name="WebBookable">Residents may book these times themselves.</param>
    /// <param name="AcuteReserved">Held back for same-day acute needs.</param>
    public sealed record Request(Guid? StaffId, SlotType? Type, DayOfWeek? Weekday, string? Start, string? End, int? SlotMinutes,
        DateOnly? ValidFrom, DateOnly? ValidUntil, bool WebBookable, bool AcuteReserved);

    public sealed record Created(Guid TemplateId, int SlotsAdded);

    public async Task<Created> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att lägga scheman.");
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        var start = ParseTime(request.Start);
        var end = ParseTime(request.End);
        if (request.StaffId is null) { Error("staffId", "Välj vems schema det är."); }
        if (request.Type is null) { Error("type", "Välj typ av tid."); }
        if (request.Weekday is null) { Error("weekday", "Välj veckodag."); }
        if (start is null) { Error("start", "Ange starttid som TT:MM, till exempel 08:00."); }
        if (end is null) { Error("end", "Ange sluttid som TT:MM, till exempel 12:00."); }
        else if (start is not null && end <= start) { Error("end", "Sluttiden måste vara efter starttiden."); }
        if (request.SlotMinutes is not (>= 5 and <= 240)) { Error("slotMinutes", "Varje tid ska vara mellan 5 och 240 minuter."); }
        else if (start is not null && end is not null && end > start && (end.Value - start.Value).TotalMinutes < request.SlotMinutes) { Error("slotMinutes", "Tiden är längre än hela passet."); }
        var today = Stockholm.Today(time);
        var validFrom = request.ValidFrom ?? today;
        if (validFrom < today) { Error("validFrom", "Ett schema kan inte börja före i dag."); }
        if (request.ValidUntil is { } until && until < validFrom) { Error("validUntil", "Slutdatum kan inte vara före startdatum."); }
        if (request.WebBookable && request.AcuteReserved) { Error("acuteReserved", "Akuttider kan inte bokas på webben: välj det ena."); }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }
        var staff = await organisation.GetStaffAsync(new StaffId(request.StaffId!.Value), ct);
        if (staff is null || !staff.Units.Contains(unit))
        {
            throw ProblemException.Invalid("staffId", "Personen arbetar inte på din enhet.");
        }
        var template = new ScheduleTemplate
        {
            UnitId = unit,
            StaffId = staff.Id,
            Profession = staff.Profession,
            Type = request.Type!.Value,
            Weekday = request.Weekday!.Value,
            Start = start!.Value,
            End = end!.Value,
            SlotMinutes = request.SlotMinutes!.Value,
            ValidFrom = validFrom,
            ValidUntil = request.ValidUntil,
            WebBookable = request.WebBookable,
            AcuteReserved = request.AcuteReserved,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        var others = await db.Set<ScheduleTemplate>().AsNoTracking().Where(t => t.StaffId == staff.Id && t.Weekday == template.Weekday).ToListAsync(ct);
        if (others.FirstOrDefault(template.Overlaps) is { } clash)
        {
            throw ProblemException.Invalid("start",
                $"Schemat överlappar ett annat schema för samma person ({WeekdayName(clash.Weekday)} {clash.Start:HH\\:mm}–{clash.End:HH\\:mm} från {clash.ValidFrom:yyyy-MM-dd}).");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(template);
        await db.SaveChangesAsync(ct);
        var outcome = await generate.UnitAsync(unit, ct);
        await transaction.CommitAsync(ct);
        return new Created(template.Id.Value, outcome.Added);
    }

    private static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>A Swedish weekday name for messages.</summary>
    private static string WeekdayName(DayOfWeek day) => CultureInfo.GetCultureInfo("sv-SE").DateTimeFormat.GetDayName(day);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/schedule/templates", async (Request request, HttpContext http, CreateScheduleTemplate handler, CancellationToken ct) =>
            {
                var created = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request, ct);
                return Results.Created($"/api/booking/schedule/templates/{created.TemplateId}", created);
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Schema")
            .WithWriteLimit().WithSummary("Lägg till ett veckoschema för en person på din enhet; tiderna öppnas fram till enhetens horisont. Överlappande scheman nekas.");
}
