using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.CareGuarantee.Features;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;

namespace Nara.Modules.CareGuarantee;

/// <summary>Loading and saving one clock for staff at its unit, under the access rules and audited.</summary>
internal static class ClockAccess
{
    public static async Task<GuaranteeClock> LoadForStaffAsync(NaraDbContext db, ResidentAccess access, Actor actor, ClockId id, CancellationToken ct)
    {
        var clock = await db.Set<GuaranteeClock>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw ProblemException.NotFound("id", "Klockan");
        if (actor.Unit != clock.UnitId)
        {
            await access.AuditAsync(actor, clock.ResidentId, GetResidentClocks.AuditResource, AuditAction.Write, AuditOutcome.Denied, AccessBasis.None, null, ct);
            throw ProblemException.Forbidden("Klockan hör till en annan enhet än den du arbetar på.");
        }
        return clock;
    }

    public static async Task SaveAsync(NaraDbContext db, ResidentAccess access, Actor actor, GuaranteeClock clock, string reason, CancellationToken ct)
    {
        clock.ConcurrencyToken++;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ProblemException.Conflict("id", "Någon annan ändrade klockan samtidigt. Ladda om och försök igen.");
        }
        await access.AuditAsync(actor, clock.ResidentId, GetResidentClocks.AuditResource, AuditAction.Write, AuditOutcome.Allowed, AccessBasis.CareRelationship, reason, ct);
        await transaction.CommitAsync(ct);
    }
}
