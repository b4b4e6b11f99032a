using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>
/// "Vem har tittat på mina uppgifter" as a person reads it: one row per occasion, not per technical event. Events in a row
/// (newest first) by the same person, at the same unit, on the same grounds and with the same outcome, each within an hour
/// of the one before, are one occasion: who, where, why, when (from–to), what they looked at, how many times; the single
/// events are kept for the detail. A reason given (emergency access) or a flag for review starts an occasion of its own.
/// </summary>
public sealed class SummariseAccessLog(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access) : IFeature
{
    public const int PageSize = 20;

    /// <summary>The longest gap between two events of one occasion.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromHours(1);

    /// <summary>The most recent events read to build the occasions; older ones are in the full log (<c>/api/me/access-log</c>).</summary>
    public const int MaxEvents = 5000;

    public sealed record Detail(DateTimeOffset At, string Resource, AuditAction Action);

    public sealed record Occasion(DateTimeOffset From, DateTimeOffset To, string ActorName, string ActorRole, string? UnitName, AccessBasis Basis,
        AuditOutcome Outcome, string? Reason, bool Flagged, IReadOnlyList<string> Resources, int Events, IReadOnlyList<Detail> Details);

    public sealed record Page(IReadOnlyList<Occasion> Occasions, int PageNumber, int TotalCount, int PageSize, bool Truncated);

    public async Task<Page> HandleAsync(Actor actor, ResidentId resident, int page, CancellationToken ct)
    {
        await access.RequireAsync(actor, resident, GetAccessLogForResident.ReadRequest, ct);
        page = Math.Max(1, page);
        var rows = await db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ResidentId == resident && e.ActorId != resident.Value)
            .OrderByDescending(e => e.Id).Take(MaxEvents + 1)
            .Select(e => new { e.At, e.ActorId, e.ActorName, e.ActorRole, e.ActorUnitId, e.Resource, e.Action, e.Outcome, e.Basis, e.Reason, e.Flagged })
            .ToListAsync(ct);
        var truncated = rows.Count > MaxEvents;
        if (truncated)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        var groups = new List<List<int>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var e = rows[i];
            var last = groups.Count > 0 ? rows[groups[^1][^1]] : null;
            var same = last is not null && e.Reason is null && last.Reason is null && !e.Flagged && !last.Flagged
                       && last.ActorId == e.ActorId && last.ActorUnitId == e.ActorUnitId && last.Basis == e.Basis && last.Outcome == e.Outcome
                       && last.At - e.At <= Gap;
            if (same)
            {
                groups[^1].Add(i);
            }
            else
            {
                groups.Add([i]);
            }
        }
        var shown = groups.Skip((page - 1) * PageSize).Take(PageSize).ToList();
        var units = await organisation.GetUnitsAsync(shown.SelectMany(g => g).Select(i => rows[i].ActorUnitId).OfType<UnitId>().Distinct(), ct);
        var occasions = shown.Select(g =>
        {
            var first = rows[g[0]];
            var events = g.Select(i => rows[i]).ToList();
            return new Occasion(events[^1].At, first.At, first.ActorName, first.ActorRole,
                first.ActorUnitId is { } u && units.TryGetValue(u, out var unit) ? unit.Name : null, first.Basis, first.Outcome, first.Reason, first.Flagged,
                events.Select(e => e.Resource).Distinct(StringComparer.Ordinal).ToList(), events.Count,
                events.Select(e => new Detail(e.At, e.Resource, e.Action)).ToList());
        }).ToList();
        return new Page(occasions, page, groups.Count, PageSize, truncated);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/me/access-log/occasions", async (int? page, Guid? forChild, HttpContext http, SummariseAccessLog handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var subject = forChild is { } child ? new ResidentId(child) : actor.ResidentId;
                return Results.Ok(await handler.HandleAsync(actor, subject, page ?? 1, ct));
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("Mina sidor")
            .WithSummary("Vem har tittat på mina uppgifter, ett tillfälle per rad: samma person, enhet, skäl och utfall inom en timme blir ett tillfälle, med de enskilda händelserna som detaljer.");
}
