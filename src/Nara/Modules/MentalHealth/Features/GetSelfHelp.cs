using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// A person's self-help programmes: each with its modules in order (done with the homework, the next one open, the rest
/// waiting), the progress, the therapist and the conversation with them. The person sees their own; staff under the
/// access rules, without the units the person has hidden. Audited.
/// </summary>
public sealed class GetSelfHelp(NaraDbContext db, ResidentAccess access, ProgrammeCatalog catalog, IMessageThreads threads) : IFeature
{
    /// <summary>The programmes a therapist can start, and the person's enrolments (the newest first).</summary>
    public sealed record Overview(IReadOnlyList<ProgrammeView> Programmes, IReadOnlyList<EnrolmentView> Enrolments);

    public sealed record ProgrammeView(string Id, Bilingual Name, Bilingual Summary, string Status, int Modules);

    /// <summary>An enrolment; its <c>State</c> is Pagar (in progress), Klar (all modules done) or Avslutad (ended early).</summary>
    public sealed record EnrolmentView(Guid Id, string Programme, Bilingual Name, Bilingual Intro, string Status, DateTimeOffset StartedAt, string Therapist, Guid UnitId,
        string State, int Done, int Total, string? Next, IReadOnlyList<ModuleView> Modules, IReadOnlyList<ThreadMessageView> Messages);

    /// <summary>A module; its <c>State</c> is Klar (done), Nasta (open now) or Vantar (opens after the one before).</summary>
    public sealed record ModuleView(string Id, int Number, Bilingual Title, int Minutes, IReadOnlyList<Bilingual> Text, Bilingual Exercise, Bilingual Homework,
        string State, DateTimeOffset? CompletedAt, string? Answer);

    public async Task<Overview> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, MentalHealthRecords.ReadSelfHelp, ct);
        var hidden = await access.HiddenUnitsAsync(actor, resident, ct);
        var enrolments = (await db.Set<Enrolment>().AsNoTracking().Where(e => e.ResidentId == resident).OrderByDescending(e => e.StartedAt).Take(20).ToListAsync(ct))
            .Where(e => !hidden.Contains(e.UnitId) && catalog.Find(e.ProgrammeId) is not null).ToList();
        var ids = enrolments.Select(e => e.Id).ToList();
        var work = (await db.Set<ModuleWork>().AsNoTracking().Where(w => ids.Contains(w.EnrolmentId)).ToListAsync(ct)).ToLookup(w => w.EnrolmentId);
        var messages = enrolments.Count == 0 ? new Dictionary<ThreadId, IReadOnlyList<ThreadMessageView>>()
            : await threads.MessagesAsync(enrolments.Select(e => e.ThreadId).ToList(), ct);
        var views = enrolments.Select(e =>
        {
            var programme = catalog.Find(e.ProgrammeId)!;
            var done = work[e.Id].ToDictionary(w => w.ModuleId, StringComparer.Ordinal);
            var next = e.EndedAt is null ? SelfHelpViews.Next(programme, done.Keys) : null;
            var modules = programme.Modules.Select(m => new ModuleView(m.Id, m.Number, m.Title, m.Minutes, m.Text, m.Exercise, m.Homework,
                done.ContainsKey(m.Id) ? "Klar" : m == next ? "Nasta" : "Vantar", done.GetValueOrDefault(m.Id)?.CompletedAt, done.GetValueOrDefault(m.Id)?.Homework)).ToList();
            return new EnrolmentView(e.Id.Value, programme.Id, programme.Name, programme.Intro, programme.Status, e.StartedAt, e.TherapistName, e.UnitId.Value,
                e.EndedAt is not null ? "Avslutad" : e.CompletedAt is not null ? "Klar" : "Pagar", done.Count, programme.Modules.Count, next?.Id, modules,
                messages.GetValueOrDefault(e.ThreadId) ?? []);
        }).ToList();
        await grant.AuditAsync(enrolments.Count == 0 ? "Inga självhjälpsprogram" : $"{enrolments.Count} självhjälpsprogram", ct);
        return new Overview(catalog.Programmes.Values.Select(p => new ProgrammeView(p.Id, p.Name, p.Summary, p.Status, p.Modules.Count)).ToList(), views);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/self-help", async (Guid residentId, HttpContext http, GetSelfHelp handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Psykisk hälsa")
            .WithSummary("En persons självhjälpsprogram: moduler i ordning med hemuppgifter, framsteg och samtalet med behandlaren.");
}
