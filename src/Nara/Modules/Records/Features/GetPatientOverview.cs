using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Records.Content;
using Nara.Modules.Records.Contracts;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Records.Features;

/// <summary>
/// The patient overview: who the person is, where they are listed, their chronic conditions, lifestyle habits and care
/// contacts of the last three years. Information recorded at units the patient has blocked is left out (and the
/// count of hidden items is said, as PDL requires staff to know that something is blocked, not what).
/// </summary>
public sealed class GetPatientOverview(NaraDbContext db, IResidentDirectory residents, IOrganisationDirectory organisation, ResidentAccess access, DiagnosisNames diagnoses, TimeProvider time) : IFeature
{
    public const int ContactsPageSize = 50;

    /// <summary>A chronic condition; <c>Name</c> is the code's ICD-10-SE title (English on an English page), null when content/records has none.</summary>
    public sealed record ConditionItem(ChronicCondition Kind, string Icd10, string? Name, DateOnly Onset, string? RecordedBy);

    public sealed record HabitItem(LifestyleHabit Habit, bool Present, DateOnly RecordedOn);

    public sealed record ContactItem(DateTimeOffset Start, DateTimeOffset? End, CareLevel Level, ContactChannel Channel, string UnitName, string? DiagnosisCode, string? DiagnosisName);

    public sealed record Overview(
        ResidentSummary Resident, string? ListedUnitName, IReadOnlyList<ConditionItem> Conditions, IReadOnlyList<HabitItem> Habits,
        IReadOnlyList<ContactItem> Contacts, int ContactsTotal, int ContactsPage, int HiddenByBlocks, AccessBasis Basis)
    {
        /// <summary>The other principal, when some of its information is hidden for want of the person's consent to sharing.</summary>
        public Principal? NotShared { get; init; }

        /// <summary>How many contacts and diagnoses that hides.</summary>
        public int NotSharedCount { get; init; }
    }

    public const string AuditResource = "Patientöversikt";

    /// <summary>What a resident's (or a guardian's) reading of the record is logged as: the name 1177 uses for it.</summary>
    public const string OwnRecordAuditResource = "Journalen";

    /// <summary>The overview for an access already granted (and audited) by the access rules.</summary>
    public async Task<Overview?> HandleAsync(AccessGrant grant, int contactsPage, CancellationToken ct)
    {
        var (actor, id, basis) = (grant.Actor, grant.Resident, grant.Basis);
        var resident = await residents.GetAsync(id, ct);
        if (resident is null)
        {
            return null;
        }
        var hiddenInformation = await access.HiddenAsync(actor, id, ct);
        var hidden = hiddenInformation.Units;
        var hiddenList = hidden.ToList();
        var since = time.GetUtcNow().AddYears(-3);

        var conditions = await db.Set<Condition>().AsNoTracking().Where(c => c.ResidentId == id).OrderBy(c => c.Onset).ToListAsync(ct);
        var habits = await db.Set<LifestyleObservation>().AsNoTracking().Where(h => h.ResidentId == id).OrderByDescending(h => h.RecordedOn).ToListAsync(ct);
        var contactsQuery = db.Set<Encounter>().AsNoTracking().Where(e => e.ResidentId == id && e.Start >= since);
        var hiddenContacts = hiddenList.Count == 0 ? 0 : await contactsQuery.CountAsync(e => hiddenList.Contains(e.UnitId), ct);
        var visible = contactsQuery.Where(e => !hiddenList.Contains(e.UnitId));
        var total = await visible.CountAsync(ct);
        contactsPage = Math.Max(1, contactsPage);
        var contacts = await visible.OrderByDescending(e => e.Start).Skip((contactsPage - 1) * ContactsPageSize).Take(ContactsPageSize).ToListAsync(ct);

        var unitIds = contacts.Select(c => c.UnitId).Concat(conditions.Where(c => c.RecordedBy != null).Select(c => c.RecordedBy!.Value));
        if (resident.ListedUnit is { } listed)
        {
            unitIds = unitIds.Append(listed);
        }
        var units = await organisation.GetUnitsAsync(unitIds, ct);
        string? Name(UnitId? u) => u is { } x && units.TryGetValue(x, out var s) ? s.Name : null;

        var visibleConditions = conditions.Where(c => c.RecordedBy is not { } u || !hidden.Contains(u)).ToList();
        var visibleHabits = habits.Where(h => h.RecordedBy is not { } u || !hidden.Contains(u))
            .GroupBy(h => h.Habit).Select(g => g.First()).ToList();
        // What a block hides, and what is hidden only because the person has not consented to sharing between principals.
        var blockedList = hiddenInformation.Blocked.ToList();
        var blockedContacts = hiddenInformation.NotShared is null ? hiddenContacts
            : blockedList.Count == 0 || hiddenContacts == 0 ? 0 : await contactsQuery.CountAsync(e => blockedList.Contains(e.UnitId), ct);
        var blockedCount = blockedContacts + conditions.Count(c => c.RecordedBy is { } u && hiddenInformation.Blocked.Contains(u));
        var notSharedCount = hiddenContacts + (conditions.Count - visibleConditions.Count) - blockedCount;
        return new Overview(resident, Name(resident.ListedUnit),
            visibleConditions.Select(c => new ConditionItem(c.Kind, c.Icd10, diagnoses.NameOf(c.Icd10), c.Onset, Name(c.RecordedBy))).ToList(),
            visibleHabits.Select(h => new HabitItem(h.Habit, h.Present, h.RecordedOn)).ToList(),
            contacts.Select(c => new ContactItem(c.Start, c.End, c.Level, c.Channel, Name(c.UnitId) ?? "–", c.DiagnosisCode, diagnoses.NameOf(c.DiagnosisCode))).ToList(),
            total, contactsPage, blockedCount, basis) { NotShared = notSharedCount > 0 ? hiddenInformation.NotShared : null, NotSharedCount = notSharedCount };
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId}/overview", async (Guid residentId, int? contactsPage, HttpContext http, GetPatientOverview handler, CancellationToken ct) =>
            {
                var grant = (AccessGrant)http.Items[ResidentAccessFilter.GrantKey]!;
                var overview = await handler.HandleAsync(grant, contactsPage ?? 1, ct);
                return overview is null ? Problems.NotFound("Invånaren") : Results.Ok(overview);
            })
            .RequireAuthorization()
            .RequireResidentAccess(AuditResource, AuditAction.Read)
            .WithTags("Journal")
            .WithSummary("Patientöversikt: diagnoser, levnadsvanor och vårdkontakter (kräver åtkomst enligt PDL; loggas).");
}
