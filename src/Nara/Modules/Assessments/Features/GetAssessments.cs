using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// A person's instruments: those sent to them (open, coming and answered), their answers with scores and bands, each
/// instrument's course over time (scores, band limits, change since the first, response and remission), and for staff the
/// crisis alerts. The person sees their own (a guardian a child's); staff under the access rules, without what the person
/// has blocked or not shared. Audited.
/// </summary>
public sealed class GetAssessments(NaraDbContext db, ResidentAccess access, InstrumentCatalog catalog, Residents.Contracts.IResidentDirectory residents, TimeProvider time) : IFeature
{
    public const int MaxResponses = 500;

    public sealed record Overview(IReadOnlyList<SentView> Open, IReadOnlyList<SentView> Coming, IReadOnlyList<ResponseView> Responses,
        IReadOnlyList<CourseView> Courses, IReadOnlyList<AlertView> Alerts);

    /// <summary>An instrument sent to the person (one occasion); <c>Overdue</c> when open past its due time.</summary>
    public sealed record SentView(Guid Id, string Instrument, Bilingual Name, int Occasion, int Occasions, DateTimeOffset OpensAt, DateTimeOffset DueAt,
        bool Overdue, string SentBy, string? Message, Guid SeriesId);

    /// <summary>An answer: the first scale's score and band (the one charts follow), and the profile where the instrument has one (EQ-5D-5L's health state).</summary>
    public sealed record ResponseView(Guid Id, string Instrument, Bilingual Name, DateTimeOffset AnsweredAt, int? Score, string? Band, Bilingual? BandText, bool Crisis,
        string? Profile = null);

    /// <summary>
    /// One instrument's course on its first scale: each scored answer in time order (<c>Points</c>), the scale's bands for
    /// the chart's limits, and first, latest, change, response and remission (<c>Course</c>).
    /// </summary>
    public sealed record CourseView(string Instrument, Bilingual Name, Bilingual Scale, int Max, IReadOnlyList<CoursePoint> Points,
        IReadOnlyList<ScoreBand> Bands, Course? Course, ScaleOutcome? Outcome);

    public sealed record CoursePoint(DateTimeOffset At, int Score);

    public sealed record AlertView(Guid Id, string Reason, DateTimeOffset RaisedAt, DateTimeOffset AcknowledgeBy, DateTimeOffset? AcknowledgedAt,
        string? AcknowledgedBy, string? Action, DateTimeOffset? EscalatedAt);

    public async Task<Overview> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, AssessmentRecords.Read, ct);
        var hidden = await access.HiddenUnitsAsync(actor, resident, ct);
        var now = time.GetUtcNow();
        var requests = (await db.Set<InstrumentRequest>().AsNoTracking()
                .Where(r => r.ResidentId == resident && r.Status == RequestStatus.Open)
                .OrderBy(r => r.OpensAt).Take(200).ToListAsync(ct))
            .Where(r => !hidden.Contains(r.UnitId)).ToList();
        var responses = (await db.Set<InstrumentResponse>().AsNoTracking()
                .Where(r => r.ResidentId == resident)
                .OrderByDescending(r => r.AnsweredAt).Take(MaxResponses).ToListAsync(ct))
            .Where(r => !hidden.Contains(r.UnitId)).ToList();
        var alerts = actor.IsResident ? [] : (await db.Set<CrisisAlert>().AsNoTracking()
                .Where(a => a.ResidentId == resident)
                .OrderByDescending(a => a.RaisedAt).Take(50).ToListAsync(ct))
            .Where(a => !hidden.Contains(a.UnitId)).ToList();

        SentView Sent(InstrumentRequest r) => new(r.Id.Value, r.InstrumentId, Name(r.InstrumentId), r.Occasion, r.Occasions, r.OpensAt, r.DueAt,
            r.DueAt < now, r.SentByName, r.Message, r.SeriesId);
        var known = responses.Where(r => catalog.Find(r.InstrumentId) is not null).ToList();
        var sex = known.Any(r => catalog.Find(r.InstrumentId)!.Scales[0].SexBands is not null) ? await AnswerInstrument.SexAsync(residents, resident, ct) : null;
        var courses = known.GroupBy(r => r.InstrumentId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var instrument = catalog.Find(g.Key)!;
            var scale = instrument.Scales[0];
            var points = g.Where(r => r.Score is not null).OrderBy(r => r.AnsweredAt).Select(r => new CoursePoint(r.AnsweredAt, r.Score!.Value)).ToList();
            return new CourseView(instrument.Id, instrument.Name, scale.Name, scale.Bands[^1].To, points, scale.BandsFor(sex),
                Outcomes.Of(scale, points.Select(p => p.Score).ToList()), scale.Outcome);
        }).ToList();
        await grant.AuditAsync($"{responses.Count} svar, {requests.Count} skickade formulär", ct);
        return new Overview(
            requests.Where(r => r.OpensAt <= now).Select(Sent).ToList(),
            requests.Where(r => r.OpensAt > now).Select(Sent).ToList(),
            known.Select(r => new ResponseView(r.Id.Value, r.InstrumentId, Name(r.InstrumentId), r.AnsweredAt, r.Score, r.Band,
                catalog.Find(r.InstrumentId)!.Scales[0].Band(r.Band)?.Text, r.Crisis,
                catalog.Find(r.InstrumentId)!.Scales.Any(s => s.Profile) ? AssessmentRecords.Scales(r).FirstOrDefault(s => s.Profile is not null)?.Profile : null)).ToList(),
            courses,
            alerts.Select(a => new AlertView(a.Id.Value, a.Reason, a.RaisedAt, a.AcknowledgeBy, a.AcknowledgedAt, a.AcknowledgedByName, a.Action, a.EscalatedAt)).ToList());
    }

    private Bilingual Name(string instrument) => catalog.Find(instrument)?.Name ?? new Bilingual(instrument, instrument);

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/assessments", async (Guid residentId, HttpContext http, GetAssessments handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Skattningsformulär")
            .WithSummary("En persons formulär: skickade (open, coming), svar med poäng, förlopp per formulär (förändring, respons, remission) och för personal krislarmen.");
}
