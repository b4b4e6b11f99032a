using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>What the SIP and discharge use cases share: the audit resources, the access they declare, loading and saving.</summary>
internal static class Sips
{
    public const string AuditResource = "SIP (samordnad individuell plan)";
    public const string DischargeResource = "Utskrivning från slutenvård";

    /// <summary>Staff in the person's care, of either principal: the SIP is the joint plan the person consented to.</summary>
    public static readonly AccessRequest Change = AccessRequest.Write(AuditResource) with
    {
        StaffOnly = "Det är vården och omsorgen som skriver SIP:en tillsammans med dig. Kontakta din fasta vårdkontakt om något behöver ändras.",
        AuditWhenDone = true,
    };

    public static async Task<Sip> LoadAsync(NaraDbContext db, SipId id, CancellationToken ct) =>
        await db.Set<Sip>().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw ProblemException.NotFound("sipId", "SIP:en finns inte.");

    /// <summary>Saves the change with its audit event in one batch; someone else's change in between is a 409.</summary>
    public static Task SaveAsync(NaraDbContext db, AccessGrant grant, string detail, CancellationToken ct) => AuditedSave.SaveAsync(db, grant, detail, "sipId", ct);
}
