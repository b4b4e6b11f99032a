using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>The resident blocks (spärrar) a care unit: its information is hidden from other units, and it cannot read across units.</summary>
public sealed class PlaceBlock(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(Guid? UnitId);

    /// <summary>Null when the block is placed; otherwise why not, in plain Swedish.</summary>
    public async Task<string?> HandleAsync(Actor actor, ResidentId resident, Guid? unitId, CancellationToken ct)
    {
        if (unitId is not { } id || await organisation.GetUnitAsync(new UnitId(id), ct) is not { } unit)
        {
            return "Välj en vårdenhet att spärra.";
        }
        if (await db.Set<AccessBlock>().AnyAsync(b => b.ResidentId == resident && b.UnitId == unit.Id && b.LiftedAt == null, ct))
        {
            return $"{unit.Name} är redan spärrad.";
        }
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write($"Spärr lagd: {unit.Name}") with { AuditWhenDone = true }, ct);
        db.Add(new AccessBlock { ResidentId = resident, UnitId = unit.Id, PlacedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(null, ct);
        return null;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/me/blocks", async (Request request, HttpContext http, PlaceBlock handler, ListBlocks list, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var error = await handler.HandleAsync(actor, actor.ResidentId, request.UnitId, ct);
                return error is null ? Results.Ok(await list.HandleAsync(actor.ResidentId, ct)) : Problems.Invalid("unitId", error);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Mina sidor")
            .WithSummary("Spärra en vårdenhet.");
}
