using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>One clock for staff at its unit, with the resident and any exception: read under the access rules, audited.</summary>
public sealed class GetClock(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, TimeProvider time) : IFeature
{
    public sealed record Detail(ClockResponse Clock, ClockSource Source, Guid SourceId, Guid ResidentId, string ResidentName, string? Note,
        ClockExemption? Exemption, string? ExemptionByName, DateTimeOffset? ExemptionAt, int LimitDays);

    public async Task<Detail> HandleAsync(Actor actor, ClockId id, CancellationToken ct)
    {
        var (clock, _) = await ClockAccess.LoadAsync(db, access, actor, id, ClockAccess.Read, ct);
        var resident = await residents.GetAsync(clock.ResidentId, ct);
        return new Detail(ClockQueries.Response(clock, Stockholm.Today(time)), clock.Source, clock.SourceId, clock.ResidentId.Value, resident?.Name ?? "–", clock.Note,
            clock.Exemption, clock.ExemptionByName, clock.ExemptionAt, GuaranteeRules.LimitDays(clock.Kind));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/care-guarantee/clocks/{id:guid}", async (Guid id, HttpContext http, GetClock handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ClockId(id), ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Vårdgaranti")
            .WithSummary("En klocka på din enhet, med invånare och eventuellt undantag.");
}
