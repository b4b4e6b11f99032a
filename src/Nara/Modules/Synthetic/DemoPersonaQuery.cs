using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Synthetic;

/// <summary>Finds the demo personas in the database with deterministic queries.</summary>
[NoAccessCheck("Chooses synthetic demo personas for the demo sign-in; synthetic data only.")]
internal sealed class DemoPersonaQuery(NaraDbContext db, TimeProvider time) : IDemoPersonas
{
    public async Task<IReadOnlyList<DemoPersona>> GetAsync(CancellationToken ct)
    {
        var personas = new List<DemoPersona>();
        var today = Stockholm.Today(time);
        // The first vårdcentral in Växjö by name (0780 is Växjö's kommunkod).
        var home = await db.Set<CareUnit>().AsNoTracking()
            .Where(u => u.Type == UnitType.Vardcentral && u.MunicipalityCode == "0780")
            .OrderBy(u => u.Name).ThenBy(u => u.HsaId).FirstOrDefaultAsync(ct);
        if (home is null)
        {
            return personas;
        }

        var oldest = today.AddYears(-66).AddDays(1);
        var youngest = today.AddYears(-35);
        var residents = db.Set<Resident>().AsNoTracking();
        // Without consent to shared records, so that the demo shows both sides of the rules: a nurse at the listing
        // unit has access through the care relationship, a nurse elsewhere is refused and must use emergency access.
        // Preferably an adult of working age with a diagnosis and care contacts, so the overview has something to show;
        // a small demo region may have no such person, so these are preferences, not requirements.
        var resident = await residents
            .Where(r => db.Set<Listing>().Any(l => l.ResidentId == r.Id && l.UnitId == home.Id && l.To == null))
            .Where(r => !db.Set<SharedRecordsConsent>().Any(c => c.ResidentId == r.Id && c.Consented))
            .Where(r => r.BirthDate <= youngest.AddYears(17))
            .OrderByDescending(r => db.Set<Condition>().Any(c => c.ResidentId == r.Id))
            .ThenByDescending(r => r.BirthDate >= oldest && r.BirthDate <= youngest)
            .ThenByDescending(r => db.Set<Encounter>().Any(e => e.ResidentId == r.Id))
            .ThenBy(r => r.FamilyName).ThenBy(r => r.GivenName).ThenBy(r => r.Id)
            .FirstOrDefaultAsync(ct);
        if (resident is not null)
        {
            personas.Add(new DemoPersona("resident", resident.Id.Value, null, resident.FullName, $"Invånare, listad på {home.Name}"));
        }

        var childLimit = today.AddYears(-13);
        var guardian = await (
                from g in db.Set<GuardianRelation>()
                join child in residents on g.ChildId equals child.Id
                join adult in residents on g.GuardianId equals adult.Id
                where child.BirthDate > childLimit && adult.MunicipalityCode == home.MunicipalityCode
                // Preferably a child listed at the same vårdcentral as the nurse persona, so a case the parent sends
                // about the child lands in that nurse's inbox.
                orderby db.Set<Listing>().Any(l => l.ResidentId == child.Id && l.UnitId == home.Id && l.To == null) descending,
                    adult.FamilyName, adult.GivenName, adult.Id, child.BirthDate
                select new { adult.Id, adult.GivenName, adult.FamilyName, ChildName = child.GivenName })
            .FirstOrDefaultAsync(ct);
        if (guardian is not null)
        {
            personas.Add(new DemoPersona("resident", guardian.Id.Value, null, $"{guardian.GivenName} {guardian.FamilyName}", $"Vårdnadshavare för {guardian.ChildName} (under 13 år)"));
        }

        var staff = db.Set<StaffMember>().AsNoTracking();
        var assignments = db.Set<StaffAssignment>();
        var nurse = await staff
            .Where(s => s.Profession == Profession.Sjukskoterska && s.Role == StaffRole.Vardpersonal && assignments.Any(a => a.StaffId == s.Id && a.UnitId == home.Id))
            .OrderBy(s => s.FamilyName).ThenBy(s => s.GivenName).ThenBy(s => s.HsaId).FirstOrDefaultAsync(ct);
        if (nurse is not null)
        {
            personas.Add(new DemoPersona("staff", nurse.Id.Value, home.Id.Value, nurse.FullName, $"Sjuksköterska på {home.Name}, har vårdrelation med invånaren via listning"));
        }

        var elsewhere = await (
                from s in staff
                join a in assignments on s.Id equals a.StaffId
                join u in db.Set<CareUnit>() on a.UnitId equals u.Id
                where s.Profession == Profession.Sjukskoterska && s.Role == StaffRole.Vardpersonal
                      && u.Type == UnitType.Vardcentral && u.MunicipalityCode != home.MunicipalityCode
                orderby u.Name, s.FamilyName, s.GivenName, s.HsaId
                select new { s.Id, s.GivenName, s.FamilyName, UnitId = u.Id, UnitName = u.Name })
            .FirstOrDefaultAsync(ct);
        if (elsewhere is not null)
        {
            personas.Add(new DemoPersona("staff", elsewhere.Id.Value, elsewhere.UnitId.Value, $"{elsewhere.GivenName} {elsewhere.FamilyName}", $"Sjuksköterska på {elsewhere.UnitName}, saknar vårdrelation med invånaren"));
        }

        // The head of the unit where the nurse without a care relationship works: the one who follows up her emergency access.
        if (elsewhere is not null)
        {
            var chief = await staff
                .Where(s => s.Role == StaffRole.Verksamhetschef && assignments.Any(a => a.StaffId == s.Id && a.UnitId == elsewhere.UnitId))
                .OrderBy(s => s.HsaId).FirstOrDefaultAsync(ct);
            if (chief is not null)
            {
                personas.Add(new DemoPersona("staff", chief.Id.Value, elsewhere.UnitId.Value, chief.FullName, $"Verksamhetschef för {elsewhere.UnitName}, följer upp åtkomst och nödåtkomst"));
            }
        }

        foreach (var (role, text) in new[] { (StaffRole.Analytiker, "Analytiker, ser aggregerade uppgifter"), (StaffRole.Administrator, "Administratör") })
        {
            var member = await staff.Where(s => s.Role == role).OrderBy(s => s.HsaId).FirstOrDefaultAsync(ct);
            if (member is not null)
            {
                var unit = await assignments.Where(a => a.StaffId == member.Id).OrderBy(a => a.UnitId).Select(a => (Guid?)a.UnitId.Value).FirstOrDefaultAsync(ct);
                personas.Add(new DemoPersona("staff", member.Id.Value, unit, member.FullName, text));
            }
        }

        // A nurse in the municipality's home health care, in the resident persona's care team (Coordination's demo
        // rows): another principal, so she sees the region's information only once the person consents to sharing.
        var municipal = await (
                from s in staff
                join a in assignments on s.Id equals a.StaffId
                join u in db.Set<CareUnit>() on a.UnitId equals u.Id
                where s.Profession == Profession.Sjukskoterska && s.Role == StaffRole.Vardpersonal
                      && u.Type == UnitType.KommunalHemsjukvard && u.MunicipalityCode == home.MunicipalityCode
                orderby s.FamilyName, s.GivenName, s.HsaId
                select new { s.Id, s.GivenName, s.FamilyName, UnitId = u.Id, UnitName = u.Name })
            .FirstOrDefaultAsync(ct);
        if (municipal is not null)
        {
            personas.Add(new DemoPersona("staff", municipal.Id.Value, municipal.UnitId.Value, $"{municipal.GivenName} {municipal.FamilyName}",
                $"{DemoPersonaTexts.MunicipalNursePrefix} ({municipal.UnitName}), i invånarens vårdteam"));
        }

        // A doctor at a specialist clinic, who receives referrals (Coordination): the referral opens the care
        // relationship, and accepting it starts the care guarantee's 90-day clock.
        var specialist = await (
                from s in staff
                join a in assignments on s.Id equals a.StaffId
                join u in db.Set<CareUnit>() on a.UnitId equals u.Id
                where s.Profession == Profession.Lakare && s.Role == StaffRole.Vardpersonal && u.Type == UnitType.Sjukhusklinik
                orderby u.Name, s.FamilyName, s.GivenName, s.HsaId
                select new { s.Id, s.GivenName, s.FamilyName, UnitId = u.Id, UnitName = u.Name })
            .FirstOrDefaultAsync(ct);
        if (specialist is not null)
        {
            personas.Add(new DemoPersona("staff", specialist.Id.Value, specialist.UnitId.Value, $"{specialist.GivenName} {specialist.FamilyName}",
                $"{DemoPersonaTexts.SpecialistPrefix} ({specialist.UnitName}), tar emot remisser"));
        }
        return personas;
    }
}
