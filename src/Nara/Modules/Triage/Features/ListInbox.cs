using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// The clinic inbox: cases sent to the actor's unit, the most urgent first and, within a level, the longest waiting
/// first. Each resident shown is an audited disclosure (one Search event per case on the page).
/// </summary>
public sealed class ListInbox(NaraDbContext db, IResidentDirectory residents, ResidentAccess access, KnowledgeBase knowledge, TimeProvider time) : IFeature
{
    public enum Filter
    {
        Open,
        Closed,
        All,
    }

    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, int AgeYears, string ComplaintTitle, Urgency Urgency, CaseStatus Status,
        string? AssignedTo, DateTimeOffset CreatedAt, int WaitingMinutes, bool Contacted);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize, int OpenCount, int UrgentOpenCount);

    public async Task<Page> HandleAsync(Actor actor, Filter filter, int page, int pageSize, CancellationToken ct)
    {
        if (actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att se dess inkorg.");
        }
        if (page < 1)
        {
            throw ProblemException.Invalid("page", "Sidnumret ska vara 1 eller större.");
        }
        if (pageSize is < 1 or > 100)
        {
            throw ProblemException.Invalid("pageSize", "Sidstorleken ska vara mellan 1 och 100.");
        }
        var query = db.Set<TriageCase>().AsNoTracking().Where(c => c.UnitId == unit);
        query = filter switch
        {
            Filter.Open => query.Where(c => c.Status != CaseStatus.Stangd),
            Filter.Closed => query.Where(c => c.Status == CaseStatus.Stangd),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var open = await db.Set<TriageCase>().Where(c => c.UnitId == unit && c.Status != CaseStatus.Stangd)
            .GroupBy(c => c.EngineUrgency).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        // Enums are stored as text: the urgency's order is spelled out, so the database orders and pages, and only the
        // page is read.
        var ordered = await query
            .OrderBy(c => c.Status == CaseStatus.Stangd)
            .ThenByDescending(c => c.EngineUrgency == Urgency.Ring112 ? 4 : c.EngineUrgency == Urgency.AkutNu ? 3 : c.EngineUrgency == Urgency.VardIdag ? 2 : c.EngineUrgency == Urgency.VardInomDagar ? 1 : 0)
            .ThenBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new { c.Id, c.ResidentId, c.ComplaintId, c.EngineUrgency, c.CreatedAt, c.Status, c.AssignedName, c.SummaryJson, c.FirstContactAt })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        var today = Platform.Time.Stockholm.Today(time);
        var people = await residents.GetManyAsync(ordered.Select(c => c.ResidentId).Distinct().ToList(), ct);
        var items = new List<Item>();
        foreach (var c in ordered)
        {
            var resident = people.GetValueOrDefault(c.ResidentId);
            var summary = System.Text.Json.JsonSerializer.Deserialize<CaseSummary>(c.SummaryJson)!;
            items.Add(new Item(c.Id.Value, c.ResidentId.Value, resident?.Name ?? "–",
                resident is null ? 0 : TriageSubject.From(resident.BirthDate, false, today).AgeMonths / 12,
                knowledge.TitleOf(c.ComplaintId, summary.ComplaintTitle), c.EngineUrgency, c.Status, c.AssignedName, c.CreatedAt, (int)(now - c.CreatedAt).TotalMinutes, c.FirstContactAt is not null));
        }
        // Everyone on the page, audited in one batch.
        await access.AuditUnitListAsync(actor, ordered.Select(c => c.ResidentId), "Inkorg (En väg in)", AuditAction.Search, null, ct);
        return new Page(items, total, page, pageSize, open.Sum(o => o.Count), open.Where(o => o.Key >= Urgency.VardIdag).Sum(o => o.Count));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/cases", async (HttpContext http, ListInbox handler, CancellationToken ct, string? status, int? page, int? pageSize) =>
            {
                var filter = status is null ? Filter.Open : Enum.TryParse<Filter>(status, true, out var f) && Enum.IsDefined(f) ? f : (Filter?)null;
                if (filter is null)
                {
                    return Platform.Api.Problems.Invalid("status", "status ska vara open, closed eller all.");
                }
                return TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, filter.Value, page ?? 1, pageSize ?? 25, ct));
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Inkorgen för din enhet: mest brådskande först, sedan längst väntetid. status=open (standard), closed eller all.");
}
