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
/// Staff at the clock's unit record an exception: the resident chose to wait, declined an offered time, or (for the
/// 3-day assessment) it was evidently unnecessary. The reason and who recorded it are kept; the clock then counts
/// neither as met nor in the total (HSF 2017:80 6 kap.; SKR: patientvald väntan).
/// </summary>
public sealed class RecordExemption(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(ClockExemption? Exemption, string? Reason);

    public async Task<ClockResponse> HandleAsync(Actor actor, ClockId id, Request request, CancellationToken ct)
    {
        if (request.Exemption is not { } exemption || !Enum.IsDefined(exemption))
        {
            throw ProblemException.Invalid("exemption", "Välj undantag: ValtAttVanta, AvbojtErbjudenTid eller BedomningObehovlig.");
        }
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            throw ProblemException.Invalid("reason", "Skriv skälet till undantaget (högst 1000 tecken).");
        }
        var (clock, grant) = await ClockAccess.LoadAsync(db, access, actor, id, ClockAccess.Change, ct);
        if (!GuaranteeRules.ExemptionApplies(exemption, clock.Kind))
        {
            throw ProblemException.Invalid("exemption", "Undantaget gäller bara den medicinska bedömningen inom tre dagar.");
        }
        var today = Stockholm.Today(time);
        if (clock.Exemption is not null)
        {
            throw ProblemException.Conflict("id", "Klockan har redan ett undantag.");
        }
        if (clock.StatusOn(today) == ClockStatus.Uppfylld)
        {
            throw ProblemException.Conflict("id", "Vårdgarantin är redan uppfylld för klockan.");
        }
        clock.Exemption = exemption;
        clock.ExemptionReason = reason;
        clock.ExemptionBy = actor.Id;
        clock.ExemptionByName = actor.Name;
        clock.ExemptionAt = time.GetUtcNow();
        await ClockAccess.SaveAsync(db, grant, clock, $"Undantag: {exemption}", ct);
        return ClockQueries.Response(clock, today);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/care-guarantee/clocks/{id:guid}/exemption", async (Guid id, Request request, HttpContext http, RecordExemption handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ClockId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Vårdgaranti")
            .WithSummary("Registrera undantag med skäl (exemption ValtAttVanta, AvbojtErbjudenTid eller BedomningObehovlig; reason).");
}
