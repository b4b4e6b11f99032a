using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Residents.Features;

/// <summary>
/// The resident chooses a vårdcentral (vårdval): the current listing ends yesterday and the new one starts today, in one
/// transaction, so there is never a day with two listings or none.
/// </summary>
public sealed class ChangeListing(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(Guid? UnitId);

    public async Task<(string? Field, string? Error)> HandleAsync(Actor actor, ResidentId id, Request request, CancellationToken ct)
    {
        if (request.UnitId is not { } unitGuid)
        {
            return ("unitId", "Välj en vårdcentral.");
        }
        var unit = await organisation.GetUnitAsync(new UnitId(unitGuid), ct);
        if (unit is null || unit.Type != UnitType.Vardcentral)
        {
            return ("unitId", "Den valda enheten är ingen vårdcentral som går att lista sig på.");
        }
        var grant = await access.RequireAsync(actor, id, AccessRequest.Write("Listning") with { AuditWhenDone = true }, ct);
        var today = Stockholm.Today(time);
        var current = await db.Set<Listing>().Where(l => l.ResidentId == id && l.To == null).ToListAsync(ct);
        if (current.Any(l => l.UnitId == unit.Id))
        {
            return ("unitId", $"Du är redan listad på {unit.Name}.");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var l in current)
        {
            // A listing that started today is replaced rather than given an end before its start.
            if (l.From >= today)
            {
                db.Remove(l);
            }
            else
            {
                l.To = today.AddDays(-1);
            }
        }
        db.Add(new Listing { ResidentId = id, UnitId = unit.Id, From = today });
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(null, ct);
        await tx.CommitAsync(ct);
        return (null, null);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/me/listing", async (Request request, HttpContext http, ChangeListing handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var (field, error) = await handler.HandleAsync(actor, actor.ResidentId, request, ct);
                return error is null ? Results.NoContent() : Problems.Invalid(field!, error);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Mina sidor")
            .WithSummary("Lista mig på en annan vårdcentral.");
}
