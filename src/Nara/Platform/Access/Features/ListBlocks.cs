using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>
/// The resident's blocks (spärrar) in force, per care unit, by unit name. A block hides that unit's information from
/// other units and stops the unit reading across units (see <see cref="PlaceBlock"/> and <see cref="LiftBlock"/>).
/// </summary>
[NoAccessCheck("The signed-in resident's own block settings (which units), for themselves only; no care data.")]
public sealed class ListBlocks(NaraDbContext db, IOrganisationDirectory organisation) : IFeature
{
    public sealed record Block(Guid UnitId, string UnitName, DateTimeOffset PlacedAt);

    public async Task<IReadOnlyList<Block>> HandleAsync(ResidentId resident, CancellationToken ct)
    {
        var blocks = await db.Set<AccessBlock>().AsNoTracking().Where(b => b.ResidentId == resident && b.LiftedAt == null).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(blocks.Select(b => b.UnitId), ct);
        return blocks.Select(b => new Block(b.UnitId.Value, units.TryGetValue(b.UnitId, out var u) ? u.Name : "–", b.PlacedAt))
            .OrderBy(b => b.UnitName, StringComparer.Create(Localisation.LocalisationSetup.Swedish, false)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me/blocks", async (HttpContext http, ListBlocks handler, CancellationToken ct) =>
                Results.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!.ResidentId, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Mina sidor")
            .WithSummary("Mina spärrar.");
}
