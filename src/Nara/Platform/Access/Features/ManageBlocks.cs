using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>
/// The resident places and lifts blocks (spärrar) per care unit. A block hides that unit's information from other
/// units and stops the unit reading across units; lifting keeps the history (LiftedAt), so the log stays complete.
/// </summary>
public sealed class ManageBlocks(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time)
{
    public sealed record Request(Guid? UnitId);

    public sealed record Block(Guid UnitId, string UnitName, DateTimeOffset PlacedAt);

    public async Task<IReadOnlyList<Block>> ListAsync(ResidentId resident, CancellationToken ct)
    {
        var blocks = await db.Set<AccessBlock>().AsNoTracking().Where(b => b.ResidentId == resident && b.LiftedAt == null).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(blocks.Select(b => b.UnitId), ct);
        return blocks.Select(b => new Block(b.UnitId.Value, units.TryGetValue(b.UnitId, out var u) ? u.Name : "–", b.PlacedAt))
            .OrderBy(b => b.UnitName, StringComparer.Create(Localisation.LocalisationSetup.Swedish, false)).ToList();
    }

    public async Task<string?> PlaceAsync(Actor actor, ResidentId resident, Guid? unitId, CancellationToken ct)
    {
        if (unitId is not { } id || await organisation.GetUnitAsync(new UnitId(id), ct) is not { } unit)
        {
            return "Välj en vårdenhet att spärra.";
        }
        if (await db.Set<AccessBlock>().AnyAsync(b => b.ResidentId == resident && b.UnitId == unit.Id && b.LiftedAt == null, ct))
        {
            return $"{unit.Name} är redan spärrad.";
        }
        db.Add(new AccessBlock { ResidentId = resident, UnitId = unit.Id, PlacedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await access.AuditAsync(actor, resident, $"Spärr lagd: {unit.Name}", AuditAction.Write, AuditOutcome.Allowed, AccessBasis.Self, null, ct);
        return null;
    }

    public async Task<bool> LiftAsync(Actor actor, ResidentId resident, Guid unitId, CancellationToken ct)
    {
        var unit = new UnitId(unitId);
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
        var name = (await organisation.GetUnitAsync(unit, ct))?.Name ?? unitId.ToString();
        await access.AuditAsync(actor, resident, $"Spärr hävd: {name}", AuditAction.Write, AuditOutcome.Allowed, AccessBasis.Self, null, ct);
        return true;
    }

    internal static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/me/blocks").RequireAuthorization(NaraPolicies.Resident).WithTags("Mina sidor");
        group.MapGet("/", async (HttpContext http, ManageBlocks handler, CancellationToken ct) =>
            Results.Ok(await handler.ListAsync(Actor.FromPrincipal(http.User)!.ResidentId, ct))).WithSummary("Mina spärrar.");
        group.MapPost("/", async (Request request, HttpContext http, ManageBlocks handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var error = await handler.PlaceAsync(actor, actor.ResidentId, request.UnitId, ct);
                return error is null ? Results.Ok(await handler.ListAsync(actor.ResidentId, ct)) : Problems.Invalid("unitId", error);
            }).WithSummary("Spärra en vårdenhet.");
        group.MapDelete("/{unitId:guid}", async (Guid unitId, HttpContext http, ManageBlocks handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                return await handler.LiftAsync(actor, actor.ResidentId, unitId, ct) ? Results.NoContent() : Problems.NotFound("Spärren");
            }).WithSummary("Häv en spärr.");
    }
}
