using Microsoft.EntityFrameworkCore;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>The resident gives or withdraws consent to shared records across care units.</summary>
public sealed class SetSharedRecordsConsent(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(bool Consented);

    public sealed record State(bool Consented, DateTimeOffset? ChangedAt);

    public async Task<State> GetAsync(ResidentId resident, CancellationToken ct)
    {
        var c = await db.Set<SharedRecordsConsent>().AsNoTracking().FirstOrDefaultAsync(x => x.ResidentId == resident, ct);
        return new State(c?.Consented ?? false, c?.ChangedAt);
    }

    public async Task HandleAsync(Actor actor, ResidentId resident, bool consented, CancellationToken ct)
    {
        var what = consented ? "Samtycke till sammanhållen journalföring givet" : "Samtycke till sammanhållen journalföring återkallat";
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write(what) with { AuditWhenDone = true }, ct);
        var c = await db.Set<SharedRecordsConsent>().FirstOrDefaultAsync(x => x.ResidentId == resident, ct);
        if (c is null)
        {
            c = new SharedRecordsConsent { ResidentId = resident };
            db.Add(c);
        }
        c.Consented = consented;
        c.ChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(null, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/me/consent", async (HttpContext http, SetSharedRecordsConsent handler, CancellationToken ct) =>
                Results.Ok(await handler.GetAsync(Actor.FromPrincipal(http.User)!.ResidentId, ct)))
            .RequireAuthorization(NaraPolicies.Invanare).WithTags("Mina sidor").WithSummary("Mitt samtycke till sammanhållen journalföring.");
        endpoints.MapPut("/api/me/consent", async (Request request, HttpContext http, SetSharedRecordsConsent handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                await handler.HandleAsync(actor, actor.ResidentId, request.Consented, ct);
                return Results.Ok(await handler.GetAsync(actor.ResidentId, ct));
            })
            .RequireAuthorization(NaraPolicies.Invanare).WithTags("Mina sidor").WithSummary("Ge eller återkalla samtycke till sammanhållen journalföring.");
    }
}
