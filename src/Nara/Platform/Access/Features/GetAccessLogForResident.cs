using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>"Vem har tittat på mina uppgifter": who has read or written the resident's data, newest first, paged.</summary>
public sealed class GetAccessLogForResident(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access) : IFeature
{
    public const int PageSize = 25;

    public sealed record Entry(DateTimeOffset At, string ActorName, string ActorRole, string? UnitName, string Resource, AuditAction Action, AuditOutcome Outcome, AccessBasis Basis, string? Reason, bool Flagged);

    public sealed record Page(IReadOnlyList<Entry> Entries, int PageNumber, int TotalCount, int PageSize);

    public const string AuditResource = "Åtkomstlogg";

    /// <summary>Who may read a resident's access log: the resident, or a guardian for a child under 13.</summary>
    internal static readonly AccessRequest ReadRequest = AccessRequest.Read(AuditResource) with
    {
        ResidentsOnly = "Loggen över vem som tittat visas för invånaren själv.",
        RefusedAs = "Du kan bara se loggen för dig själv och dina barn under 13 år.",
    };

    /// <summary>The log about <paramref name="resident"/>: the signed-in resident's own, or a child's they are guardian for.</summary>
    public async Task<Page> HandleAsync(Actor actor, ResidentId resident, int page, CancellationToken ct)
    {
        await access.RequireAsync(actor, resident, ReadRequest, ct);
        page = Math.Max(1, page);
        // The resident's own actions are not "someone looking"; everything staff did, including denied attempts, is shown.
        var query = db.Set<AuditEvent>().AsNoTracking().Where(e => e.ResidentId == resident && e.ActorId != resident.Value);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(rows.Where(r => r.ActorUnitId != null).Select(r => r.ActorUnitId!.Value), ct);
        var entries = rows.Select(e => new Entry(e.At, e.ActorName, e.ActorRole,
            e.ActorUnitId is { } u && units.TryGetValue(u, out var unit) ? unit.Name : null,
            e.Resource, e.Action, e.Outcome, e.Basis, e.Reason, e.Flagged)).ToList();
        return new Page(entries, page, total, PageSize);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me/access-log", async (int? page, Guid? forChild, HttpContext http, GetAccessLogForResident handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var subject = forChild is { } child ? new ResidentId(child) : actor.ResidentId;
                return Results.Ok(await handler.HandleAsync(actor, subject, page ?? 1, ct));
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("Mina sidor")
            .WithSummary("Vem har tittat på mina uppgifter (eller mitt barns).");
}
