using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// A person's care needs in stepped care: for each, the first assessment's clock (running, done in time, late), the
/// current step and its decisions, and for an open need what the rules propose now and why. The person sees their own;
/// staff under the access rules, without the units the person has hidden. Audited.
/// </summary>
public sealed class GetSteppedCare(NaraDbContext db, ResidentAccess access, SteppedCareContent content, IInstrumentScores scores, TimeProvider time) : IFeature
{
    /// <param name="Steps">The ladder, from the lightest.</param>
    /// <param name="Status">The rules' status: draft until clinical review.</param>
    /// <param name="Episodes">The newest first.</param>
    public sealed record Overview(IReadOnlyList<StepView> Steps, string Status, IReadOnlyList<EpisodeView> Episodes);

    public sealed record StepView(string Id, int Level, Bilingual Name, Bilingual Description);

    /// <summary>A care need; its <c>Clock</c> (the first assessment) is Pagar (running), IRisk (due within a day), Forsenad (late), Klar (done in time) or KlarSent (done late).</summary>
    public sealed record EpisodeView(Guid Id, Guid UnitId, DateTimeOffset OpenedAt, string OpenedBy, string Reason, DateTimeOffset FirstAssessmentDue,
        DateTimeOffset? FirstAssessedAt, string? FirstAssessedBy, string Clock, string? Step, DateTimeOffset? StepSince, DateTimeOffset? ClosedAt, string? CloseNote,
        ProposalView? Proposal, IReadOnlyList<DecisionView> Decisions);

    public sealed record ProposalView(string? Step, bool StepUp, IReadOnlyList<string> Reasons, string? FollowUp);

    public sealed record DecisionView(DateTimeOffset At, string By, string? From, string Step, string? Proposed, string? Proposal, string? Note);

    public async Task<Overview> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, MentalHealthRecords.ReadCare, ct);
        var hidden = await access.HiddenUnitsAsync(actor, resident, ct);
        var episodes = (await db.Set<CareEpisode>().AsNoTracking().Where(e => e.ResidentId == resident).OrderByDescending(e => e.OpenedAt).Take(50).ToListAsync(ct))
            .Where(e => !hidden.Contains(e.UnitId)).ToList();
        var ids = episodes.Select(e => e.Id).ToList();
        var decisions = (await db.Set<StepDecision>().AsNoTracking().Where(d => ids.Contains(d.EpisodeId)).ToListAsync(ct))
            .OrderByDescending(d => d.DecidedAt).ToLookup(d => d.EpisodeId);
        var now = time.GetUtcNow();
        IReadOnlyList<InstrumentScore>? scored = null;
        var views = new List<EpisodeView>();
        foreach (var e in episodes)
        {
            ProposalView? proposal = null;
            if (e.ClosedAt is null)
            {
                scored ??= await scores.ScoresAsync(resident, content.Instruments, hidden, ct);
                var p = SteppedCareRules.Propose(content, scored, e.Step, e.StepSince, now);
                proposal = new ProposalView(p.Step, p.StepUp, p.Reasons, p.FollowUp);
            }
            views.Add(new EpisodeView(e.Id.Value, e.UnitId.Value, e.OpenedAt, e.OpenedBy, e.Reason, e.FirstAssessmentDue, e.FirstAssessedAt, e.FirstAssessedBy,
                Clock(e, now), e.Step, e.StepSince, e.ClosedAt, e.CloseNote, proposal,
                decisions[e.Id].Select(d => new DecisionView(d.DecidedAt, d.DecidedByName, d.FromStep, d.Step, d.ProposedStep, d.Proposal, d.Note)).ToList()));
        }
        await grant.AuditAsync(episodes.Count == 0 ? "Inga vårdbehov" : $"{episodes.Count} vårdbehov", ct);
        return new Overview(content.Steps.Select(s => new StepView(s.Id, s.Level, s.Name, s.Description)).ToList(), content.Status, views);
    }

    /// <summary>Where the first assessment's clock stands.</summary>
    public static string Clock(CareEpisode e, DateTimeOffset now) => e.FirstAssessedAt is { } done
        ? done <= e.FirstAssessmentDue ? "Klar" : "KlarSent"
        : now > e.FirstAssessmentDue ? "Forsenad" : now >= e.FirstAssessmentDue.AddDays(-1) ? "IRisk" : "Pagar";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/stepped-care", async (Guid residentId, HttpContext http, GetSteppedCare handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Psykisk hälsa")
            .WithSummary("En persons vårdbehov i stegvis vård: klockan för första bedömning, steg och beslut, och vad reglerna föreslår nu.");
}
