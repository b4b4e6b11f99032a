using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// The unit's messages: threads with the unit, those waiting for an answer first by when it is due. A triage case's
/// conversation is in the En väg in inbox instead (it is answered on the case). Each person on the page is audited.
/// </summary>
public sealed class ListUnitThreads(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, TimeProvider time) : IFeature
{
    public enum Filter
    {
        /// <summary>Open threads where the person waits for an answer.</summary>
        Waiting,
        /// <summary>Open threads held by the actor.</summary>
        Mine,
        /// <summary>All open threads.</summary>
        Open,
        /// <summary>Closed threads.</summary>
        Closed,
    }

    /// <param name="Id">The thread.</param>
    /// <param name="ResidentId">Whom it is about.</param>
    /// <param name="ResidentName">Their name.</param>
    /// <param name="Topic">What it is about.</param>
    /// <param name="Status">Open or closed.</param>
    /// <param name="AssignedTo">Who holds it.</param>
    /// <param name="AwaitingSince">The person's first unanswered message.</param>
    /// <param name="AnswerDueAt">When the unit promised to answer.</param>
    /// <param name="Overdue">The promised time has passed.</param>
    /// <param name="Unread">Messages from the person nobody at the unit has opened.</param>
    /// <param name="LastMessageAt">The latest message.</param>
    /// <param name="AssignedToId">Who holds it (id).</param>
    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, string Topic, ThreadStatus Status, string? AssignedTo, DateTimeOffset? AwaitingSince,
        DateTimeOffset? AnswerDueAt, bool Overdue, int Unread, DateTimeOffset LastMessageAt, Guid? AssignedToId = null);

    /// <param name="Items">The page's threads.</param>
    /// <param name="Total">Threads that match the filter.</param>
    /// <param name="PageNumber">The page, from 1.</param>
    /// <param name="PageSize">Threads per page.</param>
    /// <param name="Waiting">Open threads waiting for an answer.</param>
    /// <param name="Overdue">Of those, past the promised time.</param>
    /// <param name="Mine">Open threads the actor holds.</param>
    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize, int Waiting, int Overdue, int Mine);

    public async Task<Page> HandleAsync(Actor actor, Filter filter, int page, int pageSize, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att se dess meddelanden.");
        }
        var now = time.GetUtcNow();
        var me = actor.StaffId;
        var all = db.Set<MessageThread>().AsNoTracking().Where(t => t.UnitId == unit && t.OriginKind == null);
        var open = all.Where(t => t.Status == ThreadStatus.Oppen);
        var query = filter switch
        {
            Filter.Waiting => open.Where(t => t.AwaitingSince != null),
            Filter.Mine => open.Where(t => t.AssignedTo == me),
            Filter.Open => open,
            _ => all.Where(t => t.Status == ThreadStatus.Avslutad),
        };
        var total = await query.CountAsync(ct);
        var ordered = filter == Filter.Closed
            ? query.OrderByDescending(t => t.ClosedAt).ThenBy(t => t.Id)
            : query.OrderBy(t => t.AnswerDueAt == null).ThenBy(t => t.AnswerDueAt).ThenByDescending(t => t.LastMessageAt).ThenBy(t => t.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = rows.Select(t => t.Id).ToList();
        var unread = await db.Set<ThreadMessage>().AsNoTracking().Where(m => ids.Contains(m.ThreadId) && !m.FromStaff && m.ReadAt == null)
            .GroupBy(m => m.ThreadId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var people = await residents.GetManyAsync(rows.Select(t => t.ResidentId).Distinct().ToList(), ct);
        var waiting = await open.CountAsync(t => t.AwaitingSince != null, ct);
        var overdue = await open.CountAsync(t => t.AnswerDueAt != null && t.AnswerDueAt < now, ct);
        var mine = await open.CountAsync(t => t.AssignedTo == me, ct);
        await access.AuditUnitListAsync(actor, rows.Select(t => t.ResidentId), Threads.AuditResource, AuditAction.Search, null, ct);
        return new Page(rows.Select(t => new Item(t.Id.Value, t.ResidentId.Value, people.GetValueOrDefault(t.ResidentId)?.Name ?? "–", t.Topic, t.Status, t.AssignedName,
            t.AwaitingSince, t.AnswerDueAt, t.Status == ThreadStatus.Oppen && t.AnswerDueAt < now, unread.GetValueOrDefault(t.Id), t.LastMessageAt, t.AssignedTo?.Value)).ToList(),
            total, page, pageSize, waiting, overdue, mine);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/messages/inbox", async (HttpContext http, ListUnitThreads handler, CancellationToken ct, string? filter, int? page, int? pageSize) =>
            {
                var f = filter is null ? Filter.Waiting : Enum.TryParse<Filter>(filter, true, out var parsed) && Enum.IsDefined(parsed) ? parsed : (Filter?)null;
                if (f is null)
                {
                    return Problems.Invalid("filter", "filter ska vara waiting, mine, open eller closed.");
                }
                var (p, size) = Paging.Check(page, pageSize);
                return Results.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, f.Value, p, size, ct));
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Meddelanden")
            .WithSummary("Din enhets meddelanden: filter=waiting (väntar på svar, standard: senast utlovat svar först), mine, open eller closed.");
}
