using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// Escalates every crisis alert that nobody acknowledged in time: it is marked escalated (when, on the alert) and shows as
/// escalated on the worklist of everyone at the unit, the unit's head (verksamhetschef) included. Runs every minute.
/// </summary>
[NoAccessCheck("Background work: marks alerts past their time as escalated; nobody reads them here, and the people who then do are audited.")]
public sealed class EscalateCrisisAlerts(NaraDbContext db) : IFeature
{
    /// <summary>Escalates what is due at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await db.Set<CrisisAlert>()
            .Where(a => a.AcknowledgedAt == null && a.EscalatedAt == null && a.AcknowledgeBy <= now)
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
            // Acknowledged meanwhile: that one needs no escalation; the rest are taken again next minute.
            db.ChangeTracker.Clear();
            return 0;
        }
        return due.Count;
    }
}
