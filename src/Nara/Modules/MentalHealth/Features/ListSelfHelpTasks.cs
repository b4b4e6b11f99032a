using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The unit's running self-help programmes where the person wrote last (homework or a question) and the therapist has
/// not answered yet, the longest waiting first, with the therapist named and the unit's promised answer time (Messaging
/// keeps both on the thread). A programme's conversation is not on the messages worklist (it belongs to the programme),
/// so it is here. For staff at the unit; each person listed is audited.
/// </summary>
public sealed class ListSelfHelpTasks(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, ProgrammeCatalog catalog, IMessageThreads threads) : IFeature
{
    /// <summary>A programme whose conversation waits for the therapist: since when, by when, and the programme's name.</summary>
    public sealed record Item(Guid EnrolmentId, Guid ResidentId, string ResidentName, string Programme, string Therapist, DateTimeOffset WaitingSince, DateTimeOffset AnswerBy);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Uppgifterna visas för vårdpersonal som arbetar på en enhet.");
        }
        var running = await db.Set<Enrolment>().AsNoTracking().Where(e => e.UnitId == unit && e.EndedAt == null)
            .OrderBy(e => e.StartedAt).Take(500).ToListAsync(ct);
        if (running.Count == 0)
        {
            return [];
        }
        var awaiting = await threads.AwaitingAsync(running.Select(e => e.ThreadId).ToList(), ct);
        var waiting = running
            .Where(e => awaiting.ContainsKey(e.ThreadId))
            .Select(e => (Enrolment: e, Awaiting: awaiting[e.ThreadId]))
            .OrderBy(x => x.Awaiting.Since).Take(100).ToList();
        if (waiting.Count == 0)
        {
            return [];
        }
        var names = await residents.GetManyAsync(waiting.Select(x => x.Enrolment.ResidentId).Distinct().ToList(), ct);
        await access.AuditUnitListAsync(actor, waiting.Select(x => x.Enrolment.ResidentId), MentalHealthRecords.SelfHelpResource, AuditAction.Read,
            "Enhetens självhjälpsprogram som väntar på svar", ct);
        return waiting.Select(x => new Item(x.Enrolment.Id.Value, x.Enrolment.ResidentId.Value, names.TryGetValue(x.Enrolment.ResidentId, out var r) ? r.Name : "–",
            catalog.Find(x.Enrolment.ProgrammeId)?.Name.Sv ?? x.Enrolment.ProgrammeId, x.Enrolment.TherapistName, x.Awaiting.Since, x.Awaiting.AnswerBy)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/self-help/tasks", async (HttpContext http, ListSelfHelpTasks handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Psykisk hälsa")
            .WithSummary("Enhetens självhjälpsprogram där personen skrev senast och behandlaren inte har svarat än, den som väntat längst först.");
}
