using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The clinician decides the step of a care need (self-help, guided internet CBT, a psychologist or counsellor, referral
/// to psychiatry), seeing what the rules propose from the scores. Choosing another step than the proposal needs a reason.
/// The first decision is the first assessment: it stops that clock. The decision keeps what was proposed and why. Staff
/// at the unit that holds the need; audited.
/// </summary>
public sealed class DecideStep(NaraDbContext db, ResidentAccess access, SteppedCareContent content, IInstrumentScores scores, TimeProvider time) : IFeature
{
    /// <param name="Step">The step's id (sjalvhjalp, guidad-ikbt, psykolog, psykiatri).</param>
    /// <param name="Note">The clinician's reason (at most 1,000 characters; required when the step is not the one proposed).</param>
    public sealed record Request(string? Step, string? Note);

    public sealed record Response(Guid DecisionId, string Step, string? Proposed, bool FirstAssessment);

    public async Task<Response> HandleAsync(Actor actor, CareEpisodeId id, Request request, CancellationToken ct)
    {
        var step = content.Step(request.Step?.Trim()) ?? throw ProblemException.Invalid("step", "Välj ett steg.");
        var note = InputText.Optional(request.Note, "note", 1000, "Motiveringen");
        var episode = await db.Set<CareEpisode>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw ProblemException.NotFound("id", "Vårdbehovet finns inte.");
        var grant = await access.RequireAsync(actor, episode.ResidentId, MentalHealthRecords.StaffWrite(MentalHealthRecords.CareResource, episode.UnitId, "Vårdbehovet finns inte."), ct);
        if (episode.ClosedAt is not null)
        {
            throw ProblemException.Conflict("id", "Vårdbehovet är avslutat.");
        }
        if (episode.Step == step.Id)
        {
            throw ProblemException.Invalid("step", $"Personen är redan på steget {step.Name.Sv}.");
        }
        var now = time.GetUtcNow();
        var proposal = await MentalHealthRecords.ProposalAsync(scores, content, episode, await access.HiddenUnitsAsync(actor, episode.ResidentId, ct), now, ct);
        if (proposal.Step is { } proposed && proposed != step.Id && note is null)
        {
            throw ProblemException.Invalid("note", $"Förslaget är {content.Step(proposed)!.Name.Sv}. Skriv varför du väljer ett annat steg.");
        }
        var decision = new StepDecision
        {
            EpisodeId = episode.Id, ResidentId = episode.ResidentId, DecidedAt = now, DecidedById = actor.StaffId, DecidedByName = actor.Name,
            FromStep = episode.Step, Step = step.Id, ProposedStep = proposal.Step, Proposal = Limited(string.Join("\n", proposal.Reasons)), Note = note,
        };
        db.Add(decision);
        var first = episode.FirstAssessedAt is null;
        if (first)
        {
            episode.FirstAssessedAt = now;
            episode.FirstAssessedBy = actor.Name;
        }
        episode.Step = step.Id;
        episode.StepSince = now;
        episode.ConcurrencyToken++;
        await MentalHealthRecords.SaveAsync(db, grant, $"Steg beslutat: {step.Id}{(proposal.Step is { } p && p != step.Id ? $" (förslag: {p})" : "")}{(first ? "; första bedömning klar" : "")}",
            "Någon annan ändrade vårdbehovet just nu. Ladda om sidan.", ct);
        return new Response(decision.Id.Value, step.Id, proposal.Step, first);
    }

    private static string? Limited(string text) => text.Length == 0 ? null : text.Length <= 1000 ? text : text[..1000];

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/stepped-care/{id:guid}/decisions", async (Guid id, Request request, HttpContext http, DecideStep handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new CareEpisodeId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Besluta steg i stegvis vård (step, note). Ett annat steg än förslaget kräver en motivering; första beslutet är den första bedömningen.");
}
