using Microsoft.EntityFrameworkCore;
using Nara.Platform.Api;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access;

/// <summary>A change saved with its audit event in one batch, both or neither; someone else's change in between is a 409.</summary>
public static class AuditedSave
{
    /// <summary>Saves the tracked change and <paramref name="grant"/>'s audit event (with <paramref name="detail"/>) together.</summary>
    public static async Task SaveAsync(NaraDbContext db, AccessGrant grant, string detail, string conflictField, CancellationToken ct)
    {
        using (db.CollectWrites())
        {
            await grant.AuditAsync(detail, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict(conflictField, "Någon annan ändrade samtidigt. Ladda om sidan och försök igen.");
            }
        }
    }
}
