using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// A resident's care-guarantee clocks, newest first: for the resident themself, a guardian, or staff with access under
/// the PDL rules (decided and audited by the endpoint filter). Clocks at units the resident has blocked are hidden from
/// other units.
/// </summary>
public sealed class GetResidentClocks(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    public const string AuditResource = "Vårdgaranti";

    public async Task<IReadOnlyList<ClockResponse>> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var hidden = await access.HiddenUnitsAsync(actor, resident, ct);
        var today = Stockholm.Today(time);
        var clocks = await db.Set<GuaranteeClock>().AsNoTracking().Where(c => c.ResidentId == resident).ToListAsync(ct);
        var shown = clocks.Where(c => !hidden.Contains(c.UnitId)).OrderByDescending(c => c.StartedAt).ThenBy(c => c.Kind).ToList();
        var units = await organisation.GetUnitsAsync(shown.Select(c => c.UnitId).Distinct(), ct);
        return shown.Select(c => ClockQueries.Response(c, today, units.TryGetValue(c.UnitId, out var u) ? u.Name : null)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/care-guarantee/residents/{residentId}/clocks", async (string residentId, HttpContext http, GetResidentClocks handler, CancellationToken ct) =>
            {
                // The access filter has already refused an id that does not parse.
                return StrongId.TryParse<ResidentId>(residentId, out var id)
                    ? Results.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, id, ct))
                    : Problems.Invalid("residentId", "Id:t är inte ett giltigt id (GUID).");
            })
            .RequireAuthorization()
            .RequireResidentAccess(AuditResource, AuditAction.Read)
            .WithTags("Vårdgaranti")
            .WithSummary("Invånarens vårdgarantiklockor (0-3-90-90): start, sista dag, dag nu, status och vad som stoppade klockan.");
}
