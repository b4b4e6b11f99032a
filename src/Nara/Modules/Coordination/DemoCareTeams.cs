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
/// Demo coordination (ADR 0003), deterministic from the seed, at believable rates by age and chronic conditions
/// (<c>Rates</c>): fixed care contacts and fixed doctors at every vårdcentral, plans for most of those, the municipality's
/// home health care in the team of some of the oldest and SIPs for some of them, referrals to hospital clinics, and
/// stays in inpatient care now with the discharge steps. The resident persona also has the municipality's home health
/// care (the municipal nurse persona) and home help in the team, without consent to sharing, so the demo shows the
/// municipal nurse refused the region's information until the person consents.
/// </summary>
internal sealed class DemoCareTeams(IDemoPersonas personas, Content.CarePathways pathways) : IDemoSeeder
{
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

        var homeCareIn = new Dictionary<string, UnitId>(StringComparer.Ordinal);
        foreach (var (unit, _) in units.Where(u => u.Type == UnitType.KommunalHemsjukvard))
        {
            homeCareIn.TryAdd(await region.MunicipalityOfAsync(unit, ct), unit);
        }
        var hospitals = units.Where(u => u.Type == UnitType.Sjukhusklinik).Select(u => u.Unit).ToList();
        var sips = new List<Sip>();
        var sipParticipants = new List<SipParticipant>();
        var sipActions = new List<SipAction>();
        var referrals = new List<Referral>();
        var stays = new List<DischargeStay>();
        var enrolments = new List<PathwayEnrolment>();
        foreach (var unit in units.Where(u => u.Type == UnitType.Vardcentral).Select(u => u.Unit))
        {
            var staff = await region.StaffAtAsync(unit, ct);
            var nurses = staff.Where(s => s.Profession == Profession.Sjukskoterska && s.Role == StaffRole.Vardpersonal).Select(s => s.Staff).ToList();
            var doctors = staff.Where(s => s.Profession == Profession.Lakare).Select(s => s.Staff).ToList();
            if (nurses.Count == 0 || doctors.Count == 0)
            {
                continue;
            }
            homeCareIn.TryGetValue(await region.MunicipalityOfAsync(unit, ct), out var homeCare);
            var k = 0;
            foreach (var person in await region.PeopleAtAsync(unit, ct))
            {
                var resident = person.Id;
                if (persona is not null && resident.Value == persona.Id)
                {
                    continue;
                }
                var age = today.Year - person.BirthDate.Year - (today < person.BirthDate.AddYears(today.Year - person.BirthDate.Year) ? 1 : 0);
                var rate = Rates.For(age, person.ChronicConditions);
                double Roll(string what) => Rates.Roll(region.Seed, resident, what);
                if (Roll("fixed") < rate.Fixed)
                {
                    var nurse = nurses[k % nurses.Count];
                    Add(resident, unit, nurse, "Distriktssköterska", 30 + (k * 17 % 700), FixedContactKind.FastVardkontakt);
                    Add(resident, unit, doctors[k % doctors.Count], "Distriktsläkare", 60 + (k * 23 % 900), FixedContactKind.FastLakarkontakt);
                    seeded.Add(resident);
                    if (Roll("plan") < rate.Plan)
                    {
                        plans.Add(Plan(region.Seed, resident, unit, nurse, today, k));
                    }
                    // On the pathways that fit their diagnoses, for about half: started up to two months ago, so some steps
                    // are ahead, some at risk and some late.
                    foreach (var pathway in pathways.All.Where(pw => pw.Conditions.Any(c => person.Icd10.Any(code => code.StartsWith(c, StringComparison.Ordinal)))))
                    {
                        if (Roll($"pathway-{pathway.Id}") < Rates.OnFittingPathway)
                        {
                            enrolments.Add(Enrolment(region.Seed, resident, pathway.Id, unit, today.AddDays(-(int)(Roll($"pathway-start-{pathway.Id}") * 60))));
                        }
                    }
                    if (homeCare != default && Roll("home-care") < rate.HomeCare)
                    {
                        Add(resident, homeCare, null, "Kommunal hemsjukvård", 90 + (k % 300), null);
                        if (Roll("sip") < Rates.SipOfHomeCare)
                        {
                            AddSip(region.Seed, resident, unit, homeCare, nurse, today, k, sips, sipParticipants, sipActions);
                        }
                    }
                    k++;
                }
                if (hospitals.Count > 0 && Roll("referral") < rate.Referral)
                {
                    referrals.Add(Referral(region.Seed, resident, unit, doctors[k % doctors.Count], hospitals[k % hospitals.Count], today, Roll("referral-status")));
                }
                if (hospitals.Count > 0 && Roll("stay") < rate.InpatientNow)
                {
                    stays.Add(Stay(region.Seed, resident, unit, homeCare == default ? null : homeCare, hospitals[(k + 1) % hospitals.Count], today, Roll("stay-step")));
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
            // On a pathway whose first step is at risk today (its deadline is within its warning days): the nurse's
            // worklist shows it. Not KOL, which the journeys start themselves.
            if (pathways.All.FirstOrDefault(pw => pw.Id != "kol" && pw.Steps[0].From.Start) is { } shown)
            {
                var first = shown.Steps[0];
                enrolments.Add(Enrolment(region.Seed, resident, shown.Id, home, today.AddDays(-(first.Days - first.AtRiskDays))));
            }
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
        await region.WriteAsync(enrolments, ct);
        await region.WriteAsync(sips, ct);
        await region.WriteAsync(sipParticipants, ct);
        await region.WriteAsync(sipActions, ct);
        await region.WriteAsync(referrals, ct);
        await region.WriteAsync(referrals.Select(r => new ReferralEvent
        {
            Id = new ReferralEventId(Id(region.Seed, $"referral-event-{r.Id}")), ReferralId = r.Id, At = r.SentAt, ByName = r.FromStaffName, ByUnitId = r.FromUnitId, What = "Skickad",
        }).ToList(), ct);
        await region.WriteAsync(stays, ct);
        await region.WriteAsync(stays.Select(st => new DischargeEvent
        {
            Id = new DischargeEventId(Id(region.Seed, $"stay-event-{st.Id}")), DischargeId = st.Id, At = st.AdmissionNoticeAt, What = "Inskrivningsmeddelande skickat",
            ByName = "Syntetisk personal", ByUnitId = st.HospitalUnitId,
        }).ToList(), ct);
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

    private static PathwayEnrolment Enrolment(int seed, ResidentId resident, string pathway, UnitId unit, DateOnly on) => new()
    {
        Id = new PathwayEnrolmentId(Id(seed, $"enrolment-{resident}-{pathway}")), ResidentId = resident, PathwayId = pathway, UnitId = unit, EnrolledOn = on,
        EnrolledBy = Guid.Empty, EnrolledByName = "Syntetisk personal",
    };

    // A SIP of the vårdcentral and the municipality's home health care, started three weeks ago with the person's
    // consent: the vårdcentral holds the overall responsibility, one action is done, one late, one ahead.
    private static void AddSip(int seed, ResidentId resident, UnitId unit, UnitId homeCare, StaffId nurse, DateOnly today, int k,
        List<Sip> sips, List<SipParticipant> participants, List<SipAction> actions)
    {
        var sip = new Sip
        {
            Id = new SipId(Id(seed, $"sip-{resident}")), ResidentId = resident, Purpose = "Samordna stödet i hemmet mellan vårdcentralen och kommunen",
            StartedByUnitId = unit, StartedByName = "Syntetisk personal", StartedAt = At(today.AddDays(-21)), ConsentBy = "Personen", ConsentAt = At(today.AddDays(-21)),
            Status = SipStatus.Pagaende, ResponsibleUnitId = unit, ResponsibleStaffId = nurse, MeetingAt = At(today.AddDays(-14)), MeetingPlace = "Hemma hos personen",
            FollowUpOn = today.AddDays(k % 10),
        };
        sips.Add(sip);
        participants.Add(new SipParticipant { Id = new SipParticipantId(Id(seed, $"sip-p1-{resident}")), SipId = sip.Id, Side = SipSide.Region, UnitId = unit, StaffId = nurse, Name = "Syntetisk personal", Role = "Fast vårdkontakt" });
        participants.Add(new SipParticipant { Id = new SipParticipantId(Id(seed, $"sip-p2-{resident}")), SipId = sip.Id, Side = SipSide.Kommun, UnitId = homeCare, Role = "Kommunal hemsjukvård" });
        SipAction Action(string key, string what, UnitId by, int due, bool done) => new()
        {
            Id = new SipActionId(Id(seed, $"sip-{key}-{resident}")), SipId = sip.Id, What = what, UnitId = by, DueOn = today.AddDays(due), Done = done, DoneAt = done ? At(today.AddDays(due)) : null,
        };
        actions.Add(Action("a1", "Läkemedelsgenomgång", unit, -10, true));
        actions.Add(Action("a2", "Hjälpmedel i badrummet", homeCare, -2, false));
        actions.Add(Action("a3", "Uppföljande hembesök", homeCare, 12, false));
    }

    // A referral to a hospital clinic sent in the last weeks; some accepted.
    private static Referral Referral(int seed, ResidentId resident, UnitId from, StaffId doctor, UnitId to, DateOnly today, double roll)
    {
        var sent = today.AddDays(-(int)(roll * 40));
        var accepted = roll < 0.5;
        return new Referral
        {
            Id = new ReferralId(Id(seed, $"referral-{resident}")), ResidentId = resident, Kind = ReferralKind.Remiss, FromUnitId = from, FromStaffId = doctor.Value,
            FromStaffName = "Syntetisk personal", ToUnitId = to, Question = "Bedömning och ställningstagande till vidare utredning", Priority = roll < 0.1 ? ReferralPriority.Fortur : ReferralPriority.Rutin,
            Status = accepted ? ReferralStatus.Accepterad : ReferralStatus.Skickad, SentAt = At(sent), IssuedOn = sent, AcceptedAt = accepted ? At(sent.AddDays(3)) : null,
        };
    }

    // A stay in inpatient care now: admitted days ago, some ready for discharge (a few with the call to planning late).
    private static DischargeStay Stay(int seed, ResidentId resident, UnitId primaryCare, UnitId? homeCare, UnitId hospital, DateOnly today, double roll)
    {
        var admitted = At(today.AddDays(-3 - (int)(roll * 6)));
        var ready = roll < 0.6 ? At(today.AddDays(-(int)(roll * 8))) : (DateTimeOffset?)null;
        return new DischargeStay
        {
            Id = new DischargeId(Id(seed, $"stay-{resident}")), ResidentId = resident, HospitalUnitId = hospital, PrimaryCareUnitId = primaryCare, MunicipalUnitId = homeCare,
            AdmittedAt = admitted, AdmissionNoticeAt = admitted.AddHours(6), Status = ready is null ? DischargeStatus.Inskriven : DischargeStatus.Utskrivningsklar, ReadyAt = ready,
        };
    }

    /// <summary>
    /// How often the synthetic region has coordination, by age and the number of chronic conditions. Illustrative rates
    /// chosen so worklists and follow-up look like a real region's (most people over 75 with several chronic conditions
    /// have a fixed care contact and a plan, fewer younger ones), not statistics: synthetic data only.
    /// </summary>
    private static class Rates
    {
        public const double SipOfHomeCare = 0.4;
        public const double OnFittingPathway = 0.5;

        public sealed record Rate(double Fixed, double Plan, double HomeCare, double Referral, double InpatientNow);

        public static Rate For(int age, int conditions) => (age, conditions) switch
        {
            ( >= 75, >= 2) => new Rate(0.8, 0.85, 0.3, 0.02, 0.01),
            ( >= 75, _) => new Rate(0.35, 0.4, 0.1, 0.015, 0.005),
            ( >= 65, >= 1) => new Rate(0.3, 0.35, 0.03, 0.015, 0.003),
            (_, >= 2) => new Rate(0.15, 0.3, 0, 0.01, 0.001),
            _ => new Rate(0.01, 0.1, 0, 0.004, 0.0005),
        };

        /// <summary>A deterministic number in [0, 1) for the person and the choice.</summary>
        public static double Roll(int seed, ResidentId resident, string what) =>
            BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"coordination-rate-{seed}-{resident.Value}-{what}")).AsSpan(0, 4)) / 4294967296.0;
    }

    private static DateTimeOffset At(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(10, 0));
        return new DateTimeOffset(local, Stockholm.Zone.GetUtcOffset(local));
    }

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"coordination-demo-{seed}-{key}")).AsSpan(0, 16));
}
