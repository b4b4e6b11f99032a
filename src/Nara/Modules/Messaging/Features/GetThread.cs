using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
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
/// A thread with its messages, for the person (or a guardian) or staff at its unit; what the other side wrote is marked
/// read by this side. Audited. Someone not part of the thread gets a 404.
/// </summary>
public sealed class GetThread(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="Id">The thread.</param>
    /// <param name="ResidentId">Whom it is about.</param>
    /// <param name="ResidentName">Their name.</param>
    /// <param name="UnitId">The unit it is with.</param>
    /// <param name="UnitName">Its name.</param>
    /// <param name="Topic">What it is about.</param>
    /// <param name="Status">Open or closed.</param>
    /// <param name="AssignedToId">Who holds it at the unit.</param>
    /// <param name="AssignedTo">Their name.</param>
    /// <param name="AwaitingSince">The person's first message care has not answered yet.</param>
    /// <param name="AnswerDueAt">When the unit promised to answer it.</param>
    /// <param name="AnswerWorkingDays">The unit's promised answer time in working days.</param>
    /// <param name="Origin">What it belongs to when another module opened it (a triage case).</param>
    /// <param name="CreatedAt">When it was started.</param>
    /// <param name="Messages">The messages, oldest first.</param>
    /// <param name="ClosedAt">When it was closed.</param>
    public sealed record ThreadView(Guid Id, Guid ResidentId, string ResidentName, Guid UnitId, string UnitName, string Topic, ThreadStatus Status,
        Guid? AssignedToId, string? AssignedTo, DateTimeOffset? AwaitingSince, DateTimeOffset? AnswerDueAt, int AnswerWorkingDays, ThreadOrigin? Origin,
        DateTimeOffset CreatedAt, IReadOnlyList<ThreadMessageView> Messages, DateTimeOffset? ClosedAt);

    public async Task<ThreadView> HandleAsync(Actor actor, ThreadId id, CancellationToken ct)
    {
        var (thread, grant) = await Threads.OpenAsync(db, access, actor, id, AuditAction.Read, ct);
        await grant.AuditAsync(await Threads.MarkReadAsync(db, thread, actor, time.GetUtcNow(), ct), ct);
        return await ViewAsync(thread, ct);
    }

    /// <summary>
    /// The threads about the person that the actor may read, oldest first, with their messages: the person's own (or a
    /// guardian's), or for staff those of their unit. Nothing is marked read. Audited when there is something to show.
    /// </summary>
    public async Task<IReadOnlyList<ThreadView>> ForResidentAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var query = db.Set<MessageThread>().AsNoTracking().Where(t => t.ResidentId == resident);
        AccessGrant grant;
        if (actor.IsResident)
        {
            grant = await access.RequireAsync(actor, resident, AccessRequest.Read(Threads.AuditResource) with { HiddenAs = ("patient", "Personen finns inte."), AuditWhenDone = true }, ct);
        }
        else
        {
            var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att läsa dess meddelanden.");
            grant = await access.RequireAsync(actor, resident, Threads.Access(actor, AuditAction.Search, unit), ct);
            query = query.Where(t => t.UnitId == unit);
        }
        var threads = await query.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(ct);
        if (threads.Count > 0)
        {
            await grant.AuditAsync($"{threads.Count} trådar", ct);
        }
        var views = new List<ThreadView>();
        foreach (var t in threads)
        {
            views.Add(await ViewAsync(t, ct));
        }
        return views;
    }

    /// <summary>The thread a message is in, for one who may read it (nothing marked read); audited.</summary>
    public async Task<ThreadView> OfMessageAsync(Actor actor, ThreadMessageId message, CancellationToken ct)
    {
        var threadId = await db.Set<ThreadMessage>().AsNoTracking().Where(m => m.Id == message).Select(m => (ThreadId?)m.ThreadId).FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("id", "Meddelandet finns inte.");
        return await OfThreadAsync(actor, threadId, ct);
    }

    /// <summary>The thread, for one who may read it (nothing marked read); audited.</summary>
    public async Task<ThreadView> OfThreadAsync(Actor actor, ThreadId id, CancellationToken ct)
    {
        var (thread, grant) = await Threads.OpenAsync(db, access, actor, id, AuditAction.Read, ct);
        await grant.AuditAsync(null, ct);
        return await ViewAsync(thread, ct);
    }

    internal async Task<ThreadView> ViewAsync(MessageThread thread, CancellationToken ct)
    {
        var messages = (await Threads.ViewsAsync(db, [thread.Id], ct))[thread.Id];
        var resident = await residents.GetAsync(thread.ResidentId, ct);
        var unit = await organisation.GetUnitAsync(thread.UnitId, ct);
        return new ThreadView(thread.Id.Value, thread.ResidentId.Value, resident?.Name ?? "–", thread.UnitId.Value, unit?.Name ?? "–", thread.Topic, thread.Status,
            thread.AssignedTo?.Value, thread.AssignedName, thread.AwaitingSince, thread.AnswerDueAt, await Threads.AnswerDaysAsync(db, thread.UnitId, ct), thread.Origin,
            thread.CreatedAt, messages, thread.ClosedAt);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/messages/threads/{id:guid}", async (Guid id, HttpContext http, GetThread handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ThreadId(id), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Meddelanden")
            .WithSummary("En tråd med sina meddelanden (personen, vårdnadshavare eller personal på trådens enhet). Det den andra sidan skrev markeras som läst.");
}
