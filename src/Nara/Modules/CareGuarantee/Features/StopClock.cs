using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// Staff at the clock's unit register the qualifying contact, assessment, visit or treatment when it did not come through
/// a booking (a phone assessment, a treatment in the operating theatre). The medical assessment must be by licensed
/// staff (<see cref="GuaranteeRules.IsLicensed"/>).
/// </summary>
public sealed class StopClock(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(DateOnly? Date, string? What);

    public async Task<ClockResponse> HandleAsync(Actor actor, ClockId id, Request request, CancellationToken ct)
    {
        var (clock, grant) = await ClockAccess.LoadAsync(db, access, actor, id, ClockAccess.Change, ct);
        var today = Stockholm.Today(time);
        if (request.Date is not { } date)
        {
            throw ProblemException.Invalid("date", "Ange datum.");
        }
        if (date > today || date < clock.StartDate)
        {
            throw ProblemException.Invalid("date", "Datumet ska ligga mellan klockans start och i dag.");
        }
        var what = request.What?.Trim();
        if (string.IsNullOrEmpty(what) || what.Length > 200)
        {
            throw ProblemException.Invalid("what", "Skriv kort vad som gjordes (högst 200 tecken), till exempel Telefonbedömning.");
        }
        if (clock.Kind == ClockKind.MedicinskBedomning && (actor.Profession is not { } p || !GuaranteeRules.IsLicensed(p)))
        {
            throw ProblemException.Forbidden("Den medicinska bedömningen ska göras av legitimerad hälso- och sjukvårdspersonal.");
        }
        if (clock.StopDate is { } stopped && stopped <= date)
        {
            throw ProblemException.Conflict("date", "Klockan är redan stoppad samma dag eller tidigare.");
        }
        clock.StopOn(date, time.GetUtcNow(), $"{what} ({actor.Name})", null);
        await ClockAccess.SaveAsync(db, grant, clock, "Registrerad", ct);
        return ClockQueries.Response(clock, today);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/care-guarantee/clocks/{id:guid}/stop", async (Guid id, Request request, HttpContext http, StopClock handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ClockId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Vårdgaranti")
            .WithSummary("Registrera kontakten, bedömningen, besöket eller behandlingen som stoppar klockan (date, what).");
}
