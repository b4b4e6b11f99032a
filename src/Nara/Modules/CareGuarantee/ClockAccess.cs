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
    /// <summary>Staff at the clock's unit change it on the strength of the unit's own record; audited when saved.</summary>
    public static readonly AccessRequest Change = AccessRequest.Write(GetResidentClocks.AuditResource) with { UnitRecordSuffices = true, AuditWhenDone = true };

    /// <summary>Staff at the clock's unit read it, with the resident's data, under the PDL rules.</summary>
    public static readonly AccessRequest Read = AccessRequest.Read(GetResidentClocks.AuditResource);

    public static async Task<(GuaranteeClock Clock, AccessGrant Grant)> LoadAsync(NaraDbContext db, ResidentAccess access, Actor actor, ClockId id, AccessRequest request, CancellationToken ct)
    {
        var clock = await db.Set<GuaranteeClock>().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw ProblemException.NotFound("id", "Klockan");
        var grant = await access.RequireAsync(actor, clock.ResidentId, request with
        {
            HeldBy = clock.UnitId,
            StaffOnly = "Vårdgarantins klockor hanteras av personalen på enheten.",
            OtherUnitRefusal = "Klockan hör till en annan enhet än den du arbetar på.",
        }, ct);
        return (clock, grant);
    }

    public static async Task SaveAsync(NaraDbContext db, AccessGrant grant, GuaranteeClock clock, string reason, CancellationToken ct)
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
        await grant.AuditAsync(reason, ct);
        await transaction.CommitAsync(ct);
    }
}
