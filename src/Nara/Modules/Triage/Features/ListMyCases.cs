using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>The resident's own cases and their children's, with the unit's answers: "Mina ärenden".</summary>
public sealed class ListMyCases(NaraDbContext db, Messaging.Contracts.IMessageThreads threads, IResidentDirectory residents, ResidentAccess access, KnowledgeBase knowledge) : IFeature
{
    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, string ComplaintTitle, Urgency Urgency, CaseStatus Status,
        DateTimeOffset CreatedAt, DateTimeOffset? CallbackAt, TriageChannel? CallbackChannel, IReadOnlyList<ThreadMessageView> Messages);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        var items = new List<Item>();
        foreach (var (person, grant) in await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(CaseViews.AuditResource), ct))
        {
            var id = person.Id;
            var cases = await db.Set<TriageCase>().AsNoTracking().Where(c => c.ResidentId == id).ToListAsync(ct);
            if (cases.Count == 0)
            {
                continue;
            }
            await grant.AuditAsync(null, ct);
            var messages = await threads.MessagesAsync(cases.Select(c => c.ThreadId).ToList(), ct);
            items.AddRange(cases.Select(c => new Item(c.Id.Value, id.Value, person.Name, knowledge.TitleOf(c.ComplaintId, CaseViews.Summary(c).ComplaintTitle), c.EngineUrgency, c.Status, c.CreatedAt,
                c.CallbackAt, c.CallbackChannel,
                messages.GetValueOrDefault(c.ThreadId) ?? [])));
        }
        return items.OrderByDescending(i => i.CreatedAt).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/my-cases", async (HttpContext http, ListMyCases handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Mina och mina barns ärenden till vårdcentralen, med svaren.");
}
