using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>What the care-team use cases share: the audit resource, the access they declare, and saving a change with its audit event.</summary>
internal static class CareTeams
{
    public const string AuditResource = "Vårdteam";

    /// <summary>A change to the team: staff with access to the person under the PDL rules, audited when done.</summary>
    public static readonly AccessRequest Change = AccessRequest.Write(AuditResource) with
    {
        StaffOnly = "Det är vårdpersonalen som ändrar vårdteamet. Kontakta din vårdcentral om något behöver ändras.",
        AuditWhenDone = true,
    };

    /// <summary>Saves the change and its audit event in one batch: both or neither.</summary>
    public static async Task SaveAsync(NaraDbContext db, AccessGrant grant, string detail, CancellationToken ct)
    {
        using (db.CollectWrites())
        {
            await grant.AuditAsync(detail, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.IsOn<FixedContact>(db, e, Data.FixedContactConfiguration.OneOfEachKind))
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("kind", "Någon annan ändrade den fasta kontakten samtidigt. Ladda om sidan och försök igen.");
            }
        }
    }

    /// <summary>The staff member's name and profession as the team shows it ("Anna Andersson, sjuksköterska").</summary>
    public static string Describe(StaffSummary staff) => $"{staff.Name}, {Professions.InText(staff.Profession)}";

    public static string KindText(FixedContactKind kind) => kind == FixedContactKind.FastLakarkontakt ? "fast läkarkontakt" : "fast vårdkontakt";
}
