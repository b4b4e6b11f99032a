using Microsoft.EntityFrameworkCore;
using Nara.Modules.Monitoring.Content;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Monitoring.Features;

/// <summary>
/// A person's home measurements of one measure over a period (by default 90 days, at most five years): the series for the
/// chart (each value; over 400 values, the mean of each week), the latest values, the limits the team set and, for
/// staff, the alerts. Also how many values each measure has, so a page can offer them. The person sees their own; staff
/// under the access rules. Audited.
/// </summary>
public sealed class GetMeasurements(NaraDbContext db, ResidentAccess access, MeasureCatalog catalog, TimeProvider time) : IFeature
{
    public const int MaxPoints = 400;

    public sealed record Overview(string Measure, Bilingual Name, string Unit, int Days, bool Weekly, IReadOnlyList<Point> Series, IReadOnlyList<Point> Latest,
        int Count, IReadOnlyList<LimitView> Limits, IReadOnlyList<AlertView> Alerts, IReadOnlyDictionary<string, int> Measures);

    public sealed record Point(DateTimeOffset At, double Value, double? Value2);

    public sealed record LimitView(string Component, Bilingual Name, double? TargetLow, double? TargetHigh, double? AlarmLow, double? AlarmHigh, string SetBy, DateTimeOffset SetAt);

    public sealed record AlertView(Guid Id, AlertPriority Priority, string Reason, DateTimeOffset RaisedAt, DateTimeOffset HandleBy, DateTimeOffset? HandledAt,
        string? HandledBy, string? Note, DateTimeOffset? EscalatedAt);

    public async Task<Overview> HandleAsync(Actor actor, ResidentId resident, string? measureId, int? days, CancellationToken ct)
    {
        var measure = measureId is null ? catalog.Measures[0] : catalog.Find(measureId) ?? throw ProblemException.Invalid("measure", "Måttet finns inte.");
        var period = days ?? 90;
        if (period is < 1 or > 1830)
        {
            throw ProblemException.Invalid("days", "Perioden ska vara 1–1 830 dagar.");
        }
        var grant = await access.RequireAsync(actor, resident, MonitoringRecords.Read with { AuditWhenDone = true }, ct);
        var now = time.GetUtcNow();
        var from = now.AddDays(-period);
        var rows = await db.Set<Measurement>().AsNoTracking()
            .Where(m => m.ResidentId == resident && m.Measure == measure.Id && m.MeasuredAt >= from)
            .OrderBy(m => m.MeasuredAt)
            .Select(m => new Point(m.MeasuredAt, m.Value, m.Value2))
            .ToListAsync(ct);
        var weekly = rows.Count > MaxPoints;
        var series = weekly
            ? rows.GroupBy(p => Week(p.At)).Select(g => new Point(g.First().At, Math.Round(g.Average(p => p.Value), measure.Decimals),
                g.Any(p => p.Value2 is not null) ? Math.Round(g.Average(p => p.Value2 ?? 0), measure.Decimals) : null)).ToList()
            : rows;
        var limits = await db.Set<MeasureLimit>().AsNoTracking().Where(l => l.ResidentId == resident && l.Measure == measure.Id).ToListAsync(ct);
        var alerts = actor.IsResident ? [] : await db.Set<MeasurementAlert>().AsNoTracking()
            .Where(a => a.ResidentId == resident && a.Measure == measure.Id)
            .OrderByDescending(a => a.RaisedAt).Take(20).ToListAsync(ct);
        var counts = await db.Set<Measurement>().AsNoTracking().Where(m => m.ResidentId == resident)
            .GroupBy(m => m.Measure).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        await grant.AuditAsync($"{measure.Id}, {period} dagar: {rows.Count} värden", ct);
        return new Overview(measure.Id, measure.Name, measure.Unit, period, weekly, series, rows.TakeLast(20).Reverse().ToList(), rows.Count,
            limits.OrderBy(l => measure.Components.ToList().FindIndex(c => c.Id == l.Component))
                .Select(l => new LimitView(l.Component, measure.Components.First(c => c.Id == l.Component).Name, l.TargetLow, l.TargetHigh, l.AlarmLow, l.AlarmHigh, l.SetBy, l.SetAt)).ToList(),
            alerts.Select(a => new AlertView(a.Id.Value, a.Priority, a.Reason, a.RaisedAt, a.HandleBy, a.HandledAt, a.HandledBy, a.Note, a.EscalatedAt)).ToList(),
            counts.ToDictionary(c => c.Key, c => c.Count, StringComparer.Ordinal));
    }

    /// <summary>The Monday of the Swedish week a time falls in.</summary>
    private static DateOnly Week(DateTimeOffset at) => Stockholm.MondayOf(Stockholm.DateOf(at));

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/measurements", async (Guid residentId, string? measure, int? days, HttpContext http, GetMeasurements handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), measure, days, ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Egenmonitorering")
            .WithSummary("En persons mätvärden för ett mått (measure) över en period (days, standard 90): serien för diagrammet (veckomedel över 400 värden), senaste värdena, gränserna och för personal larmen.");
}
