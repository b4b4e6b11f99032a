using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The unit's stepped care at a glance, for its staff and head: how fast first assessments are made (per week of opening
/// over the last weeks: in time, late, still waiting; the share in time and the median days), how many open care needs
/// are on each step, and the open needs themselves (waiting first assessments first). Each person listed is audited.
/// </summary>
public sealed class GetSteppedCareUnit(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, SteppedCareContent content, TimeProvider time) : IFeature
{
    public const int MaxListed = 100;

    /// <summary>
    /// The figures since <c>Since</c> (the Monday <c>Weeks</c> weeks back): needs opened, first assessments made, made in
    /// time, the share in time (whole per cent of those made; null when none), the median days to the first assessment,
    /// and per week; the open needs by step (none: "") and the first <see cref="MaxListed"/> open needs of <c>OpenTotal</c>.
    /// </summary>
    public sealed record UnitView(DateOnly Since, int Weeks, int FirstAssessmentDays, int Opened, int Assessed, int InTime, int? InTimePercent, double? MedianDays,
        IReadOnlyList<WeekRow> ByWeek, IReadOnlyDictionary<string, int> ByStep, int OpenTotal, IReadOnlyList<OpenNeed> Open);

    /// <summary>Needs opened in the week starting <c>Monday</c>: assessed in time, assessed late, and still waiting (of which past their time).</summary>
    public sealed record WeekRow(DateOnly Monday, int Opened, int InTime, int Late, int Waiting, int WaitingLate);

    /// <summary>An open care need with its clock (as <see cref="GetSteppedCare.Clock"/>) and step.</summary>
    public sealed record OpenNeed(Guid Id, Guid ResidentId, string ResidentName, DateTimeOffset OpenedAt, string Reason, string Clock, DateTimeOffset FirstAssessmentDue,
        string? Step, DateTimeOffset? StepSince);

    public async Task<UnitView> HandleAsync(Actor actor, int? weeks, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Översikten visas för vårdpersonal som arbetar på en enhet.");
        }
        var span = weeks ?? 12;
        if (span is < 1 or > 104)
        {
            throw ProblemException.Invalid("weeks", "Välj mellan 1 och 104 veckor.");
        }
        var now = time.GetUtcNow();
        var today = Stockholm.Today(time);
        var monday = Stockholm.MondayOf(today).AddDays(-7 * (span - 1));
        var since = Stockholm.ToUtc(monday, TimeOnly.MinValue)!.Value;
        var recent = await db.Set<CareEpisode>().AsNoTracking().Where(e => e.UnitId == unit && e.OpenedAt >= since)
            .Select(e => new { e.OpenedAt, e.FirstAssessmentDue, e.FirstAssessedAt }).ToListAsync(ct);
        var byWeek = Enumerable.Range(0, span).Select(w =>
        {
            var from = monday.AddDays(7 * w);
            var inWeek = recent.Where(e => Stockholm.DateOf(e.OpenedAt) >= from && Stockholm.DateOf(e.OpenedAt) < from.AddDays(7)).ToList();
            return new WeekRow(from, inWeek.Count,
                inWeek.Count(e => e.FirstAssessedAt <= e.FirstAssessmentDue),
                inWeek.Count(e => e.FirstAssessedAt > e.FirstAssessmentDue),
                inWeek.Count(e => e.FirstAssessedAt is null),
                inWeek.Count(e => e.FirstAssessedAt is null && now > e.FirstAssessmentDue));
        }).ToList();
        var days = recent.Where(e => e.FirstAssessedAt is not null).Select(e => (e.FirstAssessedAt!.Value - e.OpenedAt).TotalDays).Order().ToList();
        double? median = days.Count == 0 ? null : Math.Round(days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2, 1);
        var inTime = byWeek.Sum(w => w.InTime);

        var open = db.Set<CareEpisode>().AsNoTracking().Where(e => e.UnitId == unit && e.ClosedAt == null);
        var byStep = (await open.GroupBy(e => e.Step).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Key ?? "", g => g.Count, StringComparer.Ordinal);
        var listed = await open.OrderBy(e => e.FirstAssessedAt != null).ThenBy(e => e.FirstAssessmentDue).Take(MaxListed).ToListAsync(ct);
        var names = listed.Count == 0 ? new Dictionary<Platform.Identifiers.ResidentId, ResidentSummary>()
            : await residents.GetManyAsync(listed.Select(e => e.ResidentId).Distinct().ToList(), ct);
        if (listed.Count > 0)
        {
            await access.AuditUnitListAsync(actor, listed.Select(e => e.ResidentId), MentalHealthRecords.CareResource, AuditAction.Read, "Enhetens vårdbehov i stegvis vård", ct);
        }
        return new UnitView(monday, span, content.FirstAssessmentDays, recent.Count, days.Count, inTime, days.Count == 0 ? null : (int)Math.Round(100.0 * inTime / days.Count),
            median, byWeek, byStep, byStep.Values.Sum(),
            listed.Select(e => new OpenNeed(e.Id.Value, e.ResidentId.Value, names.TryGetValue(e.ResidentId, out var r) ? r.Name : "–", e.OpenedAt, e.Reason,
                GetSteppedCare.Clock(e, now), e.FirstAssessmentDue, e.Step, e.StepSince)).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/stepped-care/unit", async (int? weeks, HttpContext http, GetSteppedCareUnit handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, weeks, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Psykisk hälsa")
            .WithSummary("Enhetens stegvisa vård: hur snabbt första bedömningar görs per vecka (weeks, 1–104), öppna vårdbehov per steg och listan över dem.");
}
