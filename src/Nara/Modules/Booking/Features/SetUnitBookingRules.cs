using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// The verksamhetschef sets what residents may book from the web at the unit (slot types and booking reasons), how
/// late they may cancel or rebook from the web, and how far ahead times open. The horizon takes effect at once.
/// </summary>
public sealed class SetUnitBookingRules(NaraDbContext db, GenerateSlots generate) : IFeature
{
    public sealed record Request(IReadOnlyList<SlotType>? WebTypes, int? WebCancellationHours, int? HorizonDays);

    public sealed record ReasonRequest(string? Name, SlotType? Type, Profession? Profession, bool WebBookable = true);

    public async Task HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet.");
        var errors = new Dictionary<string, string[]>();
        if (request.WebCancellationHours is not (>= 0 and <= 168)) { errors["webCancellationHours"] = ["Ange mellan 0 och 168 timmar."]; }
        if (request.HorizonDays is not (>= 7 and <= 366)) { errors["horizonDays"] = ["Öppna tider mellan 7 och 366 dagar framåt."]; }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rules = await db.Set<UnitBookingRules>().FirstOrDefaultAsync(r => r.UnitId == unit, ct);
        if (rules is null)
        {
            rules = UnitBookingRules.Default(unit);
            db.Add(rules);
        }
        rules.WebTypes = string.Join(',', (request.WebTypes ?? []).Distinct().Order());
        rules.WebCancellationHours = request.WebCancellationHours!.Value;
        rules.HorizonDays = request.HorizonDays!.Value;
        await db.SaveChangesAsync(ct);
        await generate.UnitAsync(unit, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task<BookingReasonId> AddReasonAsync(Actor actor, ReasonRequest request, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet.");
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 80)
        {
            throw ProblemException.Invalid("name", "Ange en anledning på högst 80 tecken, till exempel \"Vaccination\".");
        }
        if (request.Type is null)
        {
            throw ProblemException.Invalid("type", "Välj vilken typ av tid anledningen bokas på.");
        }
        var names = await db.Set<BookingReason>().Where(r => r.UnitId == unit).Select(r => r.Name).ToListAsync(ct);
        if (names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw ProblemException.Invalid("name", "Anledningen finns redan.");
        }
        var reason = new BookingReason { UnitId = unit, Name = name, Type = request.Type.Value, Profession = request.Profession, WebBookable = request.WebBookable };
        db.Add(reason);
        await db.SaveChangesAsync(ct);
        return reason.Id;
    }

    public async Task RemoveReasonAsync(Actor actor, BookingReasonId id, CancellationToken ct)
    {
        var reason = await db.Set<BookingReason>().FirstOrDefaultAsync(r => r.Id == id && r.UnitId == actor.Unit, ct)
            ?? throw ProblemException.NotFound("id", "Anledningen finns inte.");
        db.Remove(reason);
        await db.SaveChangesAsync(ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/booking/schedule/rules", async (Request request, HttpContext http, SetUnitBookingRules handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Verksamhetschef).WithProblems().WithTags("Schema")
            .WithWriteLimit().WithSummary("Verksamhetschefen sätter enhetens bokningsregler: typer som kan bokas på webben, avbokningsgräns i timmar, horisont i dagar.");
        endpoints.MapPost("/api/booking/schedule/reasons", async (ReasonRequest request, HttpContext http, SetUnitBookingRules handler, CancellationToken ct) =>
                Results.Created($"/api/booking/schedule/reasons", new { id = await handler.AddReasonAsync(Actor.FromPrincipal(http.User)!, request, ct) }))
            .RequireAuthorization(NaraPolicies.Verksamhetschef).WithProblems().WithTags("Schema")
            .WithWriteLimit().WithSummary("Lägg till en bokningsanledning (till exempel Vaccination) med typ och yrke.");
        endpoints.MapDelete("/api/booking/schedule/reasons/{id:guid}", async (Guid id, HttpContext http, SetUnitBookingRules handler, CancellationToken ct) =>
            {
                await handler.RemoveReasonAsync(Actor.FromPrincipal(http.User)!, new BookingReasonId(id), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Verksamhetschef).WithProblems().WithTags("Schema")
            .WithWriteLimit().WithSummary("Ta bort en bokningsanledning.");
    }
}
