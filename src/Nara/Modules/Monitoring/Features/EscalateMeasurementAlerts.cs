using Microsoft.EntityFrameworkCore;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Monitoring.Features;

/// <summary>
/// Escalates every measurement alert nobody handled in its time: marked escalated (when, on the alert), it shows as
/// escalated on the worklist of everyone at the unit, the unit's head included. Runs every minute.
/// </summary>
[NoAccessCheck("Background work: marks alerts past their time as escalated; nobody reads them here, and the people who then do are audited.")]
public sealed class EscalateMeasurementAlerts(NaraDbContext db) : IFeature
{
    /// <summary>Escalates what is due at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.Set<MeasurementAlert>()
            .Where(a => a.HandledAt == null && a.EscalatedAt == null && a.HandleBy <= now)
            .Take(500).ToListAsync(ct);
        foreach (var alert in due)
        {
            alert.EscalatedAt = now;
            alert.ConcurrencyToken++;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return 0;
        }
        return due.Count;
    }
}
