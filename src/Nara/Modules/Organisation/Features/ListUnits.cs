using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Api;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Organisation.Features;

/// <summary>The region's care units and municipalities: organisational data, open to every signed-in user.</summary>
public sealed class ListUnits(NaraDbContext db) : IFeature
{
    public sealed record UnitDto(Guid Id, string HsaId, string Name, UnitType Type, string MunicipalityCode, string? Site, IReadOnlyList<string> ListingAreas, string? OpeningHours, int StaffCount);

    public sealed record MunicipalityDto(string Code, string Name, IReadOnlyList<string> Areas);

    public async Task<IReadOnlyList<UnitDto>> HandleAsync(UnitType? type, string? municipality, CancellationToken ct)
    {
        var units = await db.Set<CareUnit>().AsNoTracking()
            .Where(u => (type == null || u.Type == type) && (municipality == null || u.MunicipalityCode == municipality))
            .OrderBy(u => u.Name).ToListAsync(ct);
        var staffCounts = await db.Set<StaffAssignment>().AsNoTracking().GroupBy(a => a.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return units.Select(u => new UnitDto(u.Id.Value, u.HsaId, u.Name, u.Type, u.MunicipalityCode, u.Site, u.ListingAreas, u.OpeningHours, staffCounts.GetValueOrDefault(u.Id))).ToList();
    }

    public async Task<UnitDto?> GetAsync(UnitId id, CancellationToken ct)
    {
        var u = await db.Set<CareUnit>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (u is null)
        {
            return null;
        }
        var staff = await db.Set<StaffAssignment>().CountAsync(a => a.UnitId == id, ct);
        return new UnitDto(u.Id.Value, u.HsaId, u.Name, u.Type, u.MunicipalityCode, u.Site, u.ListingAreas, u.OpeningHours, staff);
    }

    public async Task<IReadOnlyList<MunicipalityDto>> MunicipalitiesAsync(CancellationToken ct) =>
        (await db.Set<Municipality>().AsNoTracking().OrderBy(m => m.Code).ToListAsync(ct))
            .Select(m => new MunicipalityDto(m.Code, m.Name, m.Areas)).ToList();

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api").RequireAuthorization().WithTags("Organisation");
        group.MapGet("/units", async (string? type, string? municipality, ListUnits handler, CancellationToken ct) =>
            {
                UnitType? t = null;
                if (type is not null)
                {
                    if (!Enum.TryParse<UnitType>(type, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return Problems.Invalid("type", $"Okänd enhetstyp '{type}'. Giltiga: {string.Join(", ", Enum.GetNames<UnitType>())}.");
                    }
                    t = parsed;
                }
                return Results.Ok(await handler.HandleAsync(t, municipality, ct));
            }).WithSummary("Vårdenheter, filtrerade på typ och kommun.");
        group.MapGet("/units/{id:guid}", async (Guid id, ListUnits handler, CancellationToken ct) =>
            await handler.GetAsync(new UnitId(id), ct) is { } u ? Results.Ok(u) : Problems.NotFound("Vårdenheten"))
            .WithSummary("En vårdenhet.");
        group.MapGet("/municipalities", async (ListUnits handler, CancellationToken ct) => Results.Ok(await handler.MunicipalitiesAsync(ct)))
            .WithSummary("Regionens kommuner med adressområden.");
    }
}
