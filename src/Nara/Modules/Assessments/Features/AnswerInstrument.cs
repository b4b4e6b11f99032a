using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// The person (or a guardian for a child) answers an instrument sent to them. Every item a scale needs must be answered
/// with one of its answers (a 400 names the item otherwise). The answers and their scores are kept as a care record held
/// by the unit that asked; an answer at an alarming level (PHQ-9 item 9 above 0) raises a crisis alert for that unit's
/// team in the same transaction, so the task is on the worklist the same minute whatever happens to notices and push,
/// and the answer tells the person to see the crisis page at once. Audited.
/// </summary>
public sealed class AnswerInstrument(NaraDbContext db, ResidentAccess access, InstrumentCatalog catalog, IResidentDirectory residents, DomainEvents events, IConfiguration configuration,
    TimeProvider time) : IFeature
{
    /// <param name="Answers">Item id → the points of the chosen answer, as the instrument lists them.</param>
    public sealed record Request(Dictionary<string, int>? Answers);

    /// <summary>The kept response, each scale's score and band with its text, and whether the answers raised a crisis alert (show the crisis page now).</summary>
    public sealed record Response(Guid ResponseId, string Instrument, IReadOnlyList<ScaleResult> Scales, bool Crisis);

    /// <summary>A scale's result: its score, band and the band's text; for a profile scale (EQ-5D-5L) the profile instead.</summary>
    public sealed record ScaleResult(string Scale, Bilingual Name, int? Score, string? Band, Bilingual? BandText, string? Profile = null);

    public async Task<Response> HandleAsync(Actor actor, InstrumentRequestId id, Request request, CancellationToken ct)
    {
        var sent = await db.Set<InstrumentRequest>().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw ProblemException.NotFound("id", "Formuläret finns inte.");
        var grant = await access.RequireAsync(actor, sent.ResidentId, AssessmentRecords.Answer, ct);
        var now = time.GetUtcNow();
        if (sent.Status == RequestStatus.Answered)
        {
            throw ProblemException.Conflict("id", "Du har redan svarat på det här formuläret.");
        }
        if (sent.Status == RequestStatus.Cancelled)
        {
            throw ProblemException.Conflict("id", "Vården har dragit tillbaka formuläret. Du behöver inte svara.");
        }
        if (sent.OpensAt > now)
        {
            throw ProblemException.Conflict("id", "Formuläret går inte att svara på ännu.");
        }
        var instrument = catalog.Find(sent.InstrumentId)
            ?? throw new InvalidOperationException($"Instrument {sent.InstrumentId} is no longer in the content.");
        var answers = request.Answers ?? [];
        InstrumentResult result;
        try
        {
            result = InstrumentScoring.Score(instrument, answers, await SexAsync(residents, sent.ResidentId, ct));
        }
        catch (InvalidAnswerException invalid)
        {
            throw ProblemException.Invalid($"answers.{invalid.Item}", invalid.Message);
        }
        var missing = Required(instrument).Where(item => !answers.ContainsKey(item)).Select(m => (m, $"Svara på fråga {m}."))
            .Concat(instrument.Scales.Where(s => s.MaxMissing == 0).SelectMany(s => s.OneOf ?? []).Where(g => !g.Any(answers.ContainsKey))
                .Select(g => (g[0], $"Svara på en av frågorna {string.Join(" eller ", g)}.")))
            .ToList();
        if (missing.Count > 0)
        {
            throw ProblemException.Invalid(missing.ToDictionary(m => $"answers.{m.Item1}", m => new[] { m.Item2 }));
        }

        var first = result.Scales.Count > 0 ? result.Scales[0] : null;
        var crisis = result.Alerts.Where(a => a.Kind == "crisis").ToList();
        var response = new InstrumentResponse
        {
            ResidentId = sent.ResidentId, UnitId = sent.UnitId, InstrumentId = instrument.Id, InstrumentVersion = instrument.Version, RequestId = sent.Id,
            AnsweredAt = now, AnsweredByName = actor.Name, AnswersJson = JsonSerializer.Serialize(answers, AssessmentRecords.Json),
            Score = first?.Score, Band = first?.Band?.Id, ScalesJson = AssessmentRecords.ScalesJson(result), Crisis = crisis.Count > 0,
        };
        db.Add(response);
        sent.Status = RequestStatus.Answered;
        sent.AnsweredAt = now;
        sent.ResponseId = response.Id;
        sent.ConcurrencyToken++;
        if (crisis.Count > 0)
        {
            AssessmentRecords.RaiseCrisis(db, configuration, sent.ResidentId, sent.UnitId, CrisisSource.Formular, response.Id.Value,
                $"{ShortName(instrument)}: fråga {string.Join(", ", crisis.Select(a => a.Item))} besvarad på larmnivå", now);
        }
        using (db.CollectWrites())
        {
            // Before the one save: a module that follows scores (stepped care) adds its rows to it.
            await events.PublishAsync(new InstrumentAnswered(sent.ResidentId, sent.UnitId, instrument.Id, response.Id, response.Score, response.Band, response.Crisis, now), ct);
            await grant.AuditAsync(crisis.Count > 0 ? $"Svar på {instrument.Id}; krislarm till enheten" : $"Svar på {instrument.Id}", ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("id", "Formuläret besvarades just. Ladda om sidan.");
            }
        }
        return new Response(response.Id.Value, instrument.Id, Results(instrument, result), crisis.Count > 0);
    }

    /// <summary>The person's legal sex as the instruments' sex bands name it ("kvinna", "man"), or null when unknown.</summary>
    public static async Task<string?> SexAsync(IResidentDirectory residents, Platform.Identifiers.ResidentId resident, CancellationToken ct) =>
        (await residents.GetAsync(resident, ct))?.Sex.ToString().ToLowerInvariant();

    /// <summary>The items a scale cannot be scored without: those of scales that allow no missing items, but for alternatives (one of a group is enough).</summary>
    public static IReadOnlyList<string> Required(Instrument instrument)
    {
        var required = instrument.Scales.Where(s => s.MaxMissing == 0).SelectMany(s => s.Slots.Where(slot => slot.Count == 1).Select(slot => slot[0])).ToHashSet(StringComparer.Ordinal);
        return instrument.Items.Select(i => i.Id).Where(required.Contains).ToList();
    }

    public static IReadOnlyList<ScaleResult> Results(Instrument instrument, InstrumentResult result) =>
        result.Scales.Select(s => new ScaleResult(s.Scale, instrument.Scales.Single(x => x.Id == s.Scale).Name, s.Score, s.Band?.Id, s.Band?.Text, s.Profile)).ToList();

    /// <summary>The instrument's short name: its name before " – " ("PHQ-9").</summary>
    public static string ShortName(Instrument instrument) =>
        instrument.Name.Sv.Split(" – ", 2)[0];

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/instrument-requests/{id:guid}/response", async (Guid id, Request request, HttpContext http, AnswerInstrument handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new InstrumentRequestId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Skattningsformulär")
            .WithSummary("Svara på ett formulär som vården skickat (answers: fråga → poäng). Svaret sparas i journalen; crisis=true betyder: visa krissidan nu.");
}
