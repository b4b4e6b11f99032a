using System.Security.Cryptography;
using System.Text;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination;

/// <summary>
/// Demo care teams (ADR 0003), deterministic from the seed: at every vårdcentral the first residents on its list have a
/// fixed care contact (a nurse) and a fixed doctor there; the resident persona also has the municipality's home health
/// care (the municipal nurse persona) and home help in the team, without consent to sharing, so the demo shows the
/// municipal nurse refused the region's information until the person consents. Every third of those with a fixed care
/// contact, and the resident persona, have a plan (patientkontrakt) with their own goal and activities, some of them
/// overdue, so the plan pages and the worklist have something to show.
/// </summary>
internal sealed class DemoCareTeams(IDemoPersonas personas) : IDemoSeeder
{
    private const int PerUnit = 15;

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var today = region.Today;
        var units = await region.UnitsAsync(ct);
        var members = new List<CareTeamMember>();
        var fixeds = new List<FixedContact>();
        var people = await personas.GetAsync(ct);
        var persona = people.FirstOrDefault(p => p.Kind == "resident");
        var seeded = new HashSet<ResidentId>();
        var plans = new List<PlanState>();

        void Add(ResidentId resident, UnitId unit, StaffId? staff, string? role, int daysAgo, FixedContactKind? fixedAs)
        {
            var from = At(today.AddDays(-daysAgo));
            members.Add(new CareTeamMember
            {
                Id = new CareTeamMemberId(Id(region.Seed, $"member-{resident}-{unit}-{staff}")),
                ResidentId = resident, UnitId = unit, StaffId = staff, Role = role, From = from,
                AddedBy = Guid.Empty, AddedByName = "Syntetisk personal",
            });
            if (fixedAs is { } kind && staff is { } who)
            {
                fixeds.Add(new FixedContact
                {
                    Id = new FixedContactId(Id(region.Seed, $"fixed-{resident}-{kind}")),
                    ResidentId = resident, Kind = kind, StaffId = who, UnitId = unit, From = from,
                    AssignedBy = Guid.Empty, AssignedByName = "Syntetisk personal",
                });
            }
        }

        foreach (var unit in units.Where(u => u.Type == UnitType.Vardcentral).Select(u => u.Unit))
        {
            var staff = await region.StaffAtAsync(unit, ct);
            var nurses = staff.Where(s => s.Profession == Profession.Sjukskoterska && s.Role == StaffRole.Vardpersonal).Select(s => s.Staff).ToList();
            var doctors = staff.Where(s => s.Profession == Profession.Lakare).Select(s => s.Staff).ToList();
            if (nurses.Count == 0 || doctors.Count == 0)
            {
                continue;
            }
            var residents = await region.ListedAtAsync(unit, PerUnit, ct);
            for (var k = 0; k < residents.Count; k++)
            {
                if (persona is not null && residents[k].Value == persona.Id)
                {
                    continue;
                }
                Add(residents[k], unit, nurses[k % nurses.Count], "Distriktssköterska", 30 + (k * 17), FixedContactKind.FastVardkontakt);
                Add(residents[k], unit, doctors[k % doctors.Count], "Distriktsläkare", 60 + (k * 23), FixedContactKind.FastLakarkontakt);
                seeded.Add(residents[k]);
                if (k % 3 == 0)
                {
                    plans.Add(Plan(region.Seed, residents[k], unit, nurses[k % nurses.Count], today, k));
                }
            }
        }

        if (persona is not null && people.FirstOrDefault(p => p.Kind == "staff") is { UnitId: { } homeId } nursePersona)
        {
            var resident = new ResidentId(persona.Id);
            var home = new UnitId(homeId);
            var homeStaff = await region.StaffAtAsync(home, ct);
            Add(resident, home, new StaffId(nursePersona.Id), "Distriktssköterska", 120, FixedContactKind.FastVardkontakt);
            plans.Add(Plan(region.Seed, resident, home, new StaffId(nursePersona.Id), today, 1));
            if (homeStaff.FirstOrDefault(s => s.Profession == Profession.Lakare) is { Staff: var doctor } && doctor != default)
            {
                Add(resident, home, doctor, "Distriktsläkare", 400, FixedContactKind.FastLakarkontakt);
            }
            if (people.FirstOrDefault(p => p.Description.StartsWith(DemoPersonaTexts.MunicipalNursePrefix, StringComparison.Ordinal)) is { UnitId: { } homeCare } municipal)
            {
                Add(resident, new UnitId(homeCare), new StaffId(municipal.Id), "Sjuksköterska i hemsjukvården", 45, null);
                var municipality = await region.MunicipalityOfAsync(new UnitId(homeCare), ct);
                foreach (var (unit, type) in units.Where(u => u.Type == UnitType.Hemtjanst))
                {
                    if (await region.MunicipalityOfAsync(unit, ct) == municipality)
                    {
                        Add(resident, unit, null, "Hemtjänstgrupp, morgon och kväll", 45, null);
                        break;
                    }
                }
            }
        }
        await region.WriteAsync(members, ct);
        await region.WriteAsync(fixeds, ct);
        await region.WriteAsync(plans.Select(p => p.Plan).ToList(), ct);
        await region.WriteAsync(plans.SelectMany(p => p.Goals).ToList(), ct);
        await region.WriteAsync(plans.SelectMany(p => p.Activities).ToList(), ct);
        await region.WriteAsync(plans.Select(p => new PlanVersion
        {
            Id = new PlanVersionId(Id(region.Seed, $"plan-version-{p.Plan.Id}")), PlanId = p.Plan.Id, Version = 1, At = p.Plan.CreatedAt,
            ByName = p.Plan.CreatedByName, ByResident = false, Change = "Planen startad", Snapshot = System.Text.Json.JsonSerializer.Serialize(CarePlans.Snapshot(p)),
        }).ToList(), ct);
    }

    // A plan made with the person a month ago: what matters to them, a goal of the team's, and three activities at the
    // unit (one done, one overdue for the fixed care contact, one ahead that needs a time agreed with the person).
    private static PlanState Plan(int seed, ResidentId resident, UnitId unit, StaffId nurse, DateOnly today, int k)
    {
        var (own, team, measure) = (k % 4) switch
        {
            0 => ("Kunna gå till affären själv igen", "Gå längre utan att bli andfådd", "Går 20 minuter utan paus"),
            1 => ("Orka leka med barnbarnen på helgerna", "Stabilt blodsocker", "HbA1c under 52 mmol/mol"),
            2 => ("Sova en hel natt utan att vakna av smärta", "Mindre smärta i höften", "Smärta högst 3 av 10 i vila"),
            _ => ("Bo kvar hemma och klara mig med hjälp av hemtjänsten", "Inga fall i hemmet", "Inga fall under tre månader"),
        };
        var created = At(today.AddDays(-30));
        var plan = new CarePlan
        {
            Id = new CarePlanId(Id(seed, $"plan-{resident}")), ResidentId = resident, UnitId = unit, StartsOn = today.AddDays(-30), FollowUpOn = today.AddDays(60),
            CreatedAt = created, CreatedByName = "Syntetisk personal", UpdatedAt = created,
        };
        var teamGoal = new PlanGoal
        {
            Id = new PlanGoalId(Id(seed, $"goal-team-{resident}")), PlanId = plan.Id, Kind = GoalKind.Teamets, Text = team, Measure = measure, TargetDate = today.AddDays(60),
            WrittenAt = created, WrittenByName = "Syntetisk personal", WrittenByResident = false,
        };
        var goals = new List<PlanGoal>
        {
            new() { Id = new PlanGoalId(Id(seed, $"goal-own-{resident}")), PlanId = plan.Id, Kind = GoalKind.Egen, Text = own, WrittenAt = created, WrittenByName = "Syntetisk personal", WrittenByResident = false },
            teamGoal,
        };
        PlanActivity Activity(string key, string title, int due, ActivityStatus status, bool needsTime) => new()
        {
            Id = new PlanActivityId(Id(seed, $"activity-{key}-{resident}")), PlanId = plan.Id, Title = title, OwnerUnitId = unit, OwnerStaffId = key == "overdue" ? nurse : null,
            DueOn = today.AddDays(due), Status = status, NeedsAgreedTime = needsTime, GoalId = teamGoal.Id, CreatedAt = created,
        };
        List<PlanActivity> activities =
        [
            Activity("done", "Genomgång av läkemedel", -20, ActivityStatus.Klar, false),
            Activity("overdue", "Ringa och följa upp hur det går hemma", -3, ActivityStatus.Planerad, false),
            Activity("ahead", "Uppföljande besök hos distriktssköterskan", 21, ActivityStatus.Planerad, true),
        ];
        return new PlanState(plan, goals, activities);
    }

    private static DateTimeOffset At(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(10, 0));
        return new DateTimeOffset(local, Stockholm.Zone.GetUtcOffset(local));
    }

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"coordination-demo-{seed}-{key}")).AsSpan(0, 16));
}
