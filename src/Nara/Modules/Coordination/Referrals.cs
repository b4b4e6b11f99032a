using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>What the referral use cases share: the audit resource, a history entry, and saving a change with its audit event.</summary>
internal static class Referrals
{
    public const string AuditResource = "Remiss";

    /// <summary>Adds an entry to the referral's history (saved with the change).</summary>
    public static void Log(NaraDbContext db, Referral referral, Actor actor, string what, string? text, DateTimeOffset at) =>
        db.Add(new ReferralEvent { ReferralId = referral.Id, At = at, ByName = actor.Name, ByUnitId = actor.Unit!.Value, What = what, Text = text });

    /// <summary>Saves the change, its history entry and its audit event in one batch; someone else's change in between is a 409.</summary>
    public static async Task SaveAsync(NaraDbContext db, AccessGrant grant, string detail, CancellationToken ct)
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
                throw ProblemException.Conflict("status", "Någon annan hanterade remissen samtidigt. Ladda om och försök igen.");
            }
        }
    }

    public static string KindText(Contracts.ReferralKind kind) => kind switch
    {
        Contracts.ReferralKind.Konsultation => "konsultationsremiss",
        Contracts.ReferralKind.Hemsjukvard => "remiss till hemsjukvården",
        _ => "remiss",
    };
}
