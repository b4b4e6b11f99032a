using Microsoft.EntityFrameworkCore;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Access;
using Nara.Platform.Persistence;

namespace Nara.Modules.Monitoring;

/// <summary>What the module's use cases share: the audit log's resource names, and writing a measurement with its alert.</summary>
internal static class MonitoringRecords
{
    public const string AuditResource = "Mätvärden";

    public const string AlertResource = "Mätvärdeslarm";

    public static readonly AccessRequest Write = AccessRequest.Write(AuditResource) with { AuditWhenDone = true };

    public static readonly AccessRequest Read = AccessRequest.Read(AuditResource);

    /// <summary>How long the team has to handle an alert of each priority before it escalates to the unit's head.</summary>
    public static TimeSpan HandleWithin(AlertPriority priority, IConfiguration configuration) => priority == AlertPriority.Hog
        ? TimeSpan.FromHours(configuration.GetValue("Nara:Monitoring:HighAlertHours", 2.0))
        : TimeSpan.FromDays(configuration.GetValue("Nara:Monitoring:NormalAlertDays", 3.0));

    /// <summary>The person's limits for a measure, under the caller's grant.</summary>
    public static Task<List<MeasureLimit>> LimitsAsync(NaraDbContext db, AccessGrant grant, string measure, CancellationToken ct) =>
        db.Set<MeasureLimit>().AsNoTracking().Where(l => l.ResidentId == grant.Resident && l.Measure == measure).ToListAsync(ct);

    /// <summary>The alert a measurement outside the person's limits raises for the team that set them, added to the context; null when inside.</summary>
    public static MeasurementAlert? AlertFor(NaraDbContext db, Measure measure, Measurement m, IReadOnlyList<MeasureLimit> limits, DateTimeOffset now, IConfiguration configuration, string? suffix = null)
    {
        if (limits.Count == 0 || MeasurementRules.Against(measure, m.Value, m.Value2, limits) is not { } breach)
        {
            return null;
        }
        var alert = new MeasurementAlert
        {
            ResidentId = m.ResidentId, UnitId = limits[0].UnitId, MeasurementId = m.Id, Measure = measure.Id, Priority = breach.Priority,
            Reason = breach.Reason + suffix, RaisedAt = now, HandleBy = now.Add(HandleWithin(breach.Priority, configuration)),
        };
        db.Add(alert);
        return alert;
    }
}
