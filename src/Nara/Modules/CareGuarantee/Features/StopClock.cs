using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// Staff at the clock's unit register the qualifying contact, assessment, visit or treatment when it did not come through
/// a booking (a phone assessment, a treatment in the operating theatre). The medical assessment must be by licensed
/// staff (<see cref="GuaranteeRules.IsLicensed"/>).
/// </summary>
public sealed class StopClock(NaraDbContext db, ResidentAccess access, TimeProvider time)
{
    public sealed record Request(DateOnly? Date, string? What);

    public async Task<ClockResponse> HandleAsync(Actor actor, Guid id, Request request, CancellationToken ct)
    {
        var clock = await ClockAccess.LoadForStaffAsync(db, access, actor, id, ct);
        var today = Stockholm.Today(time);
        if (request.Date is not { } date)
        {
            throw GuaranteeProblemException.Invalid("date", "Ange datum.");
        }
        if (date > today || date < clock.StartDate)
        {
            throw GuaranteeProblemException.Invalid("date", "Datumet ska ligga mellan klockans start och i dag.");
        }
        var what = request.What?.Trim();
        if (string.IsNullOrEmpty(what) || what.Length > 200)
        {
            throw GuaranteeProblemException.Invalid("what", "Skriv kort vad som gjordes (högst 200 tecken), till exempel Telefonbedömning.");
        }
        if (clock.Kind == ClockKind.MedicinskBedomning && (actor.Profession is not { } p || !GuaranteeRules.IsLicensed(p)))
        {
            throw GuaranteeProblemException.Forbidden("Den medicinska bedömningen ska göras av legitimerad hälso- och sjukvårdspersonal.");
        }
        if (clock.StopDate is { } stopped && stopped <= date)
        {
            throw GuaranteeProblemException.Conflict("date", "Klockan är redan stoppad samma dag eller tidigare.");
        }
        clock.StopOn(date, time.GetUtcNow(), $"{what} ({actor.Name})", null);
        await ClockAccess.SaveAsync(db, access, actor, clock, "Registrerad", ct);
        return ClockQueries.Response(clock, today);
    }

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/care-guarantee/clocks/{id:guid}/stop", async (Guid id, Request request, HttpContext http, StopClock handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, id, request, ct)))
            .RequireAuthorization(NaraPolicies.Clinician)
            .WithGuaranteeProblems()
            .WithTags("Vårdgaranti")
            .WithSummary("Registrera kontakten, bedömningen, besöket eller behandlingen som stoppar klockan (date, what).");
}

/// <summary>Loading and saving one clock for staff at its unit, under the access rules and audited.</summary>
internal static class ClockAccess
{
    public static async Task<GuaranteeClock> LoadForStaffAsync(NaraDbContext db, ResidentAccess access, Actor actor, Guid id, CancellationToken ct)
    {
        var clock = await db.Set<GuaranteeClock>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw GuaranteeProblemException.NotFound("id", "Klockan");
        if (actor.Unit != clock.UnitId)
        {
            await access.AuditAsync(actor, clock.ResidentId, GetResidentClocks.AuditResource, AuditAction.Write, AuditOutcome.Denied, AccessBasis.None, null, ct);
            throw GuaranteeProblemException.Forbidden("Klockan hör till en annan enhet än den du arbetar på.");
        }
        return clock;
    }

    public static async Task SaveAsync(NaraDbContext db, ResidentAccess access, Actor actor, GuaranteeClock clock, string reason, CancellationToken ct)
    {
        clock.ConcurrencyToken++;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw GuaranteeProblemException.Conflict("id", "Någon annan ändrade klockan samtidigt. Ladda om och försök igen.");
        }
        await access.AuditAsync(actor, clock.ResidentId, GetResidentClocks.AuditResource, AuditAction.Write, AuditOutcome.Allowed, AccessBasis.CareRelationship, reason, ct);
        await transaction.CommitAsync(ct);
    }
}
