using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>The resident lifts a block (spärr). Lifting keeps the history (LiftedAt), so the log stays complete.</summary>
public sealed class LiftBlock(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <summary>False when no block on that unit was in force.</summary>
    public async Task<bool> HandleAsync(Actor actor, ResidentId resident, Guid unitId, CancellationToken ct)
    {
        var unit = new UnitId(unitId);
        var name = (await organisation.GetUnitAsync(unit, ct))?.Name ?? unitId.ToString();
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write($"Spärr hävd: {name}") with { AuditWhenDone = true }, ct);
        var blocks = await db.Set<AccessBlock>().Where(b => b.ResidentId == resident && b.UnitId == unit && b.LiftedAt == null).ToListAsync(ct);
        if (blocks.Count == 0)
        {
            return false;
        }
        foreach (var b in blocks)
        {
            b.LiftedAt = time.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(null, ct);
        return true;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/api/me/blocks/{unitId:guid}", async (Guid unitId, HttpContext http, LiftBlock handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                return await handler.HandleAsync(actor, actor.ResidentId, unitId, ct) ? Results.NoContent() : Problems.NotFound("Spärren");
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Mina sidor")
            .WithSummary("Häv en spärr.");
}
