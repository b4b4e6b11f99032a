using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// The person's threads, and those of the children they are guardian for: the most recent first, with how many messages
/// from care are unread and when an answer is promised. Each person shown is audited.
/// </summary>
public sealed class ListMyThreads(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, IOrganisationDirectory organisation) : IFeature
{
    /// <param name="Id">The thread.</param>
    /// <param name="ResidentId">Whom it is about.</param>
    /// <param name="ResidentName">Their name.</param>
    /// <param name="UnitName">The unit it is with.</param>
    /// <param name="Topic">What it is about.</param>
    /// <param name="Status">Open or closed.</param>
    /// <param name="LastMessageAt">The latest message.</param>
    /// <param name="Unread">Messages from care not yet read.</param>
    /// <param name="AnswerDueAt">When the unit promised to answer, while the person waits.</param>
    /// <param name="FromCase">The conversation of a case sent through En väg in.</param>
    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, string UnitName, string Topic, ThreadStatus Status, DateTimeOffset LastMessageAt,
        int Unread, DateTimeOffset? AnswerDueAt, bool FromCase);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int PageNumber, int PageSize, int Unread);

    public async Task<Page> HandleAsync(Actor actor, int page, int pageSize, CancellationToken ct)
    {
        var people = await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(Threads.AuditResource) with { AuditWhenDone = true }, ct);
        var ids = people.Select(p => p.Person.Id).ToList();
        var query = db.Set<MessageThread>().AsNoTracking().Where(t => ids.Contains(t.ResidentId));
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(t => t.LastMessageAt).ThenBy(t => t.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var threadIds = rows.Select(t => t.Id).ToList();
        var unread = await db.Set<ThreadMessage>().AsNoTracking().Where(m => threadIds.Contains(m.ThreadId) && m.FromStaff && m.ReadAt == null)
            .GroupBy(m => m.ThreadId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var allUnread = await UnreadAsync(db, ids, ct);
        var units = await organisation.GetUnitsAsync(rows.Select(t => t.UnitId).Distinct(), ct);
        var names = people.ToDictionary(p => p.Person.Id, p => p.Person.Name);
        foreach (var (_, grant) in people.Where(p => rows.Any(t => t.ResidentId == p.Person.Id)))
        {
            await grant.AuditAsync("Listade trådar", ct);
        }
        return new Page(rows.Select(t => new Item(t.Id.Value, t.ResidentId.Value, names.GetValueOrDefault(t.ResidentId, "–"), units.GetValueOrDefault(t.UnitId)?.Name ?? "–",
            t.Topic, t.Status, t.LastMessageAt, unread.GetValueOrDefault(t.Id), t.Status == ThreadStatus.Oppen ? t.AnswerDueAt : null, t.OriginKind is not null)).ToList(),
            total, page, pageSize, allUnread);
    }

    /// <summary>Messages from care not yet read in the threads of these people.</summary>
    internal static Task<int> UnreadAsync(NaraDbContext db, IReadOnlyCollection<ResidentId> people, CancellationToken ct) =>
        db.Set<ThreadMessage>().AsNoTracking()
            .Where(m => m.FromStaff && m.ReadAt == null && db.Set<MessageThread>().Any(t => t.Id == m.ThreadId && people.Contains(t.ResidentId)))
            .CountAsync(ct);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/messages/threads", async (HttpContext http, ListMyThreads handler, CancellationToken ct, int? page, int? pageSize) =>
            {
                var (p, size) = Paging.Check(page, pageSize);
                return TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, p, size, ct));
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("Meddelanden")
            .WithSummary("Mina och mina barns trådar med vården, senaste först, med antal olästa svar.");
}
