using System.Globalization;
using System.Text;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Records.Contracts;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;
using RecordChannel = Nara.Modules.Records.Contracts.ContactChannel;
using ResidentChannel = Nara.Modules.Residents.Contracts.NotificationChannel;

namespace Nara.Modules.Synthetic.Generation;

/// <summary>
/// Builds a synthetic region from content/region. Deterministic: the same content, seed, size and "today" give the same
/// data, ids included. Organisation and population are built in memory; the health history is produced one resident
/// at a time (<see cref="Health"/>) so that millions of encounters never have to be held at once.
/// </summary>
internal sealed class RegionGenerator
{
    public const string HsaPrefix = "SE2321000065-SYN";

    // Id kinds (see Rng.NextGuid): keep entity kinds apart even when ordinals coincide.
    private const int KindUnit = 1, KindStaff = 2, KindResident = 3, KindListing = 4, KindCondition = 5, KindLifestyle = 6, KindEncounter = 7;
    private const ulong StreamOrganisation = 1, StreamPopulation = 2, StreamHealth = 3;

    // Residents of these municipalities go to the emergency department in Ljungby; the rest to Växjö (nearest by road).
    private static readonly HashSet<string> LjungbyCatchment = new(StringComparer.Ordinal) { "0781", "0767", "0765" };

    private readonly RegionContent _content;
    private readonly ulong _seed;
    private readonly DateOnly _today;
    private readonly Dictionary<ChronicCondition, (ConditionDef Def, double Multiplier)> _conditions = [];
    private readonly List<(LifestyleHabit Habit, HabitDef Def)> _habits = [];
    private readonly double[] _primaryBase, _emergencyCumulative, _admissionBase;
    private readonly ChronicCondition?[] _primaryCondition, _admissionCondition;
    private readonly double[] _maleNames, _femaleNames, _surnames;

    public RegionGenerator(RegionContent content, int seed, DateOnly today)
    {
        _content = content;
        _seed = unchecked((ulong)seed);
        _today = today;
        var multipliers = content.Utilisation.ConditionContactMultiplier!.Values;
        foreach (var c in content.Conditions.Conditions)
        {
            ContentLoader.TryCondition(c.Code, out var kind);
            _conditions[kind] = (c, multipliers.TryGetValue(c.Code!, out var m) ? m : 1.0);
        }
        foreach (var h in content.Lifestyle.Habits)
        {
            ContentLoader.TryHabit(h.Code, out var habit);
            _habits.Add((habit, h));
        }
        _primaryBase = [.. content.Utilisation.PrimaryCareDiagnoses!.Items.Select(d => d.Share!.Value)];
        _primaryCondition = [.. content.Utilisation.PrimaryCareDiagnoses.Items.Select(ConditionOf)];
        _admissionBase = [.. content.Utilisation.AdmissionDiagnoses!.Items.Select(d => d.Share!.Value)];
        _admissionCondition = [.. content.Utilisation.AdmissionDiagnoses.Items.Select(ConditionOf)];
        _emergencyCumulative = Rng.Cumulative(content.Utilisation.EmergencyDiagnoses!.Items.Select(d => d.Share!.Value));
        _maleNames = Rng.Cumulative(content.Names.Male.Select(n => (double)n.Count!.Value));
        _femaleNames = Rng.Cumulative(content.Names.Female.Select(n => (double)n.Count!.Value));
        _surnames = Rng.Cumulative(content.Names.Surnames.Select(n => (double)n.Count!.Value));
    }

    public DateOnly Today => _today;

    private static ChronicCondition? ConditionOf(DiagnosisDef d) => ContentLoader.TryCondition(d.Condition, out var c) ? c : null;

    // ---------------------------------------------------------------- organisation

    public GeneratedOrganisation Organisation()
    {
        var rng = new Rng(_seed, StreamOrganisation);
        var r = _content.Region;
        var region = new Region { Code = r.Region!.Code!, Name = r.Region.Name! };
        var municipalities = r.Municipalities.Select(m => new Municipality
        {
            Code = m.Code!,
            Name = m.Name!,
            RegionCode = region.Code,
            CareNeedIndex = m.Cni,
            Areas = [.. m.Areas.Select(a => a.Name!)],
        }).ToList();

        var units = new List<UnitInfo>();
        UnitInfo AddUnit(string name, UnitType type, string municipality, string kind, string? site = null, List<string>? listing = null, string? hours = null)
        {
            var n = units.Count + 1;
            var unit = new CareUnit
            {
                Id = StrongId.From<UnitId>(rng.NextGuid(n, 0, KindUnit)),
                HsaId = string.Create(CultureInfo.InvariantCulture, $"{HsaPrefix}E{n:D5}"),
                Name = name,
                Type = type,
                MunicipalityCode = municipality,
                Site = site,
                ListingAreas = listing ?? [],
                OpeningHours = hours,
            };
            var info = new UnitInfo(unit, kind);
            units.Add(info);
            return info;
        }

        var byArea = new Dictionary<(string, string), UnitInfo>();
        var vcByMunicipality = new Dictionary<string, IReadOnlyList<UnitInfo>>(StringComparer.Ordinal);
        foreach (var v in r.Vardcentraler)
        {
            var info = AddUnit(v.Name!, UnitType.Vardcentral, v.Municipality!, "vardcentral", listing: [.. v.ListingAreas], hours: v.OpeningHours);
            foreach (var a in v.ListingAreas)
            {
                byArea[(v.Municipality!, a)] = info;
            }
            vcByMunicipality[v.Municipality!] = [.. (vcByMunicipality.GetValueOrDefault(v.Municipality!) ?? []), info];
        }
        var emergency = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        var clinics = new Dictionary<string, IReadOnlyList<UnitInfo>>(StringComparer.Ordinal);
        var hospitalOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var h in r.Hospitals)
        {
            var list = new List<UnitInfo>();
            foreach (var c in h.Clinics)
            {
                var type = c.Type switch
                {
                    "akutmottagning" => UnitType.Akutmottagning,
                    "vuxenpsykiatri" => UnitType.Vuxenpsykiatri,
                    _ => UnitType.Sjukhusklinik,
                };
                var info = AddUnit(c.Name!, type, h.Municipality!, c.Type!, site: h.Name, hours: type == UnitType.Sjukhusklinik ? "Mo-Fr 08:00-16:30" : null);
                if (type == UnitType.Akutmottagning)
                {
                    emergency.TryAdd(h.Name!, info);
                }
                list.Add(info);
            }
            clinics[h.Name!] = list;
            hospitalOf[h.Municipality!] = h.Name!;
        }
        var psychiatry = r.Psychiatry.Select(p => AddUnit(p.Name!, UnitType.Vuxenpsykiatri, p.Municipality!, "psychiatry", hours: "Mo-Fr 08:00-16:30")).ToList();
        var homeCare = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        foreach (var m in r.Municipalities)
        {
            homeCare[m.Code!] = AddUnit($"Hemsjukvården {m.Name}", UnitType.KommunalHemsjukvard, m.Code!, "home_care", hours: "Mo-Su 07:00-22:00");
        }

        // Hospital per municipality: Ljungby lasarett for its catchment, Växjö for the rest.
        var ljungbySite = r.Hospitals.FirstOrDefault(h => h.Municipality == "0781")?.Name;
        var vaxjoSite = r.Hospitals.FirstOrDefault(h => h.Municipality == "0780")?.Name ?? r.Hospitals[0].Name!;
        var hospitalByMunicipality = r.Municipalities.ToDictionary(
            m => m.Code!,
            m => LjungbyCatchment.Contains(m.Code!) && ljungbySite is not null ? ljungbySite : vaxjoSite,
            StringComparer.Ordinal);

        var staff = BuildStaff(ref rng, r, units, byArea, hospitalByMunicipality, vcByMunicipality, homeCare);
        // Home help (hemtjänst), one per municipality, added after the staff so every other unit
        // and member of staff keeps the id and name it had before there was home help.
        // A team member as a unit: its staff are not in Nära (social services, not health care staff).
        var homeHelp = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        foreach (var m in r.Municipalities)
        {
            homeHelp[m.Code!] = AddUnit($"Hemtjänsten {m.Name}", UnitType.Hemtjanst, m.Code!, "home_help", hours: "Mo-Su 07:00-22:00");
        }
        return new GeneratedOrganisation
        {
            Region = region,
            Municipalities = municipalities,
            Units = units,
            Staff = staff,
            VardcentralByArea = byArea,
            VardcentralerByMunicipality = vcByMunicipality,
            HomeCareByMunicipality = homeCare,
            HomeHelpByMunicipality = homeHelp,
            HospitalByMunicipality = hospitalByMunicipality,
            EmergencyBySite = emergency,
            ClinicsBySite = clinics,
            PsychiatryUnits = psychiatry,
        };
    }

    private List<StaffMember> BuildStaff(ref Rng rng, RegionFile r, List<UnitInfo> units, Dictionary<(string, string), UnitInfo> byArea,
        Dictionary<string, string> hospitalByMunicipality, Dictionary<string, IReadOnlyList<UnitInfo>> vcByMunicipality, Dictionary<string, UnitInfo> homeCare)
    {
        var staffing = _content.Staffing;
        // Listed population of a vårdcentral: the real population of its listing areas (independent of how many residents are generated).
        var listedPopulation = new Dictionary<UnitInfo, double>();
        var catchment = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in r.Municipalities)
        {
            foreach (var a in m.Areas)
            {
                var vc = byArea[(m.Code!, a.Name!)];
                listedPopulation[vc] = listedPopulation.GetValueOrDefault(vc) + (m.Population!.Value * a.Share!.Value);
            }
            var site = hospitalByMunicipality[m.Code!];
            catchment[site] = catchment.GetValueOrDefault(site) + m.Population!.Value;
        }
        var largestCatchment = catchment.Values.DefaultIfEmpty(1).Max();
        var population = r.Municipalities.ToDictionary(m => m.Code!, m => (double)m.Population!.Value, StringComparer.Ordinal);

        var staff = new List<StaffMember>();
        StaffMember NewStaff(ref Rng g, Profession profession, StaffRole role, UnitInfo unit)
        {
            var n = staff.Count + 1;
            var male = g.Chance(profession is Profession.Lakare ? 0.5 : 0.2);
            var member = new StaffMember
            {
                Id = StrongId.From<StaffId>(g.NextGuid(n, 0, KindStaff)),
                HsaId = string.Create(CultureInfo.InvariantCulture, $"{HsaPrefix}P{n:D6}"),
                GivenName = GivenName(ref g, male),
                FamilyName = Surname(ref g),
                Profession = profession,
                Role = role,
            };
            member.Assignments.Add(new StaffAssignment { StaffId = member.Id, UnitId = unit.Unit.Id });
            Register(unit, member);
            staff.Add(member);
            return member;
        }

        foreach (var unit in units)
        {
            var (figures, scale) = unit.Kind switch
            {
                "vardcentral" => (staffing.VardcentralPer10000Listed!, listedPopulation.GetValueOrDefault(unit) / 10000.0),
                "psychiatry" => (staffing.PsychiatryUnit!, 1.0),
                "home_care" => (staffing.MunicipalHomeCarePer10000Inhabitants!, population[unit.Unit.MunicipalityCode] / 10000.0),
                _ => (staffing.HospitalClinic!.Types[unit.Kind], catchment.GetValueOrDefault(unit.Unit.Site ?? string.Empty, largestCatchment) / largestCatchment),
            };
            var first = staff.Count;
            foreach (var (profession, rate) in Staffing.Figures(figures))
            {
                var count = (int)Math.Round(rate * scale, MidpointRounding.AwayFromZero);
                if (count == 0 && profession is Profession.Lakare or Profession.Sjukskoterska && rate > 0)
                {
                    count = 1;
                }
                for (var i = 0; i < count; i++)
                {
                    NewStaff(ref rng, profession, StaffRole.Vardpersonal, unit);
                }
            }
            // Exactly one verksamhetschef per unit: a läkare where the unit has one, else a sjuksköterska.
            var candidates = staff.Skip(first).Where(s => s.Profession == Profession.Lakare).ToList();
            if (candidates.Count == 0)
            {
                candidates = [.. staff.Skip(first).Where(s => s.Profession == Profession.Sjukskoterska)];
            }
            if (candidates.Count == 0)
            {
                candidates = [NewStaff(ref rng, Profession.Sjukskoterska, StaffRole.Vardpersonal, unit)];
            }
            rng.Pick(candidates).Role = StaffRole.Verksamhetschef;
        }

        // About 5 % of clinicians also work at a second unit (a district nurse in home care, a doctor at two clinics).
        var clinicians = staff.Where(s => s.Role == StaffRole.Vardpersonal).ToList();
        var unitById = units.ToDictionary(u => u.Unit.Id);
        foreach (var member in clinicians)
        {
            if (!rng.Chance(0.05))
            {
                continue;
            }
            var home = unitById[member.Assignments[0].UnitId];
            UnitInfo? second = home.Kind switch
            {
                "vardcentral" when member.Profession is Profession.Sjukskoterska or Profession.Underskoterska or Profession.Arbetsterapeut or Profession.Fysioterapeut
                    => homeCare[home.Unit.MunicipalityCode],
                "vardcentral" => vcByMunicipality[home.Unit.MunicipalityCode].Where(u => u != home).DefaultIfEmpty(homeCare[home.Unit.MunicipalityCode]).ToList() is var others ? rng.Pick(others) : null,
                "home_care" => rng.Pick(vcByMunicipality[home.Unit.MunicipalityCode]),
                "psychiatry" => units.FirstOrDefault(u => u.Kind == "vuxenpsykiatri"),
                _ => units.Where(u => u.Unit.Site == home.Unit.Site && u != home && u.Kind != "vuxenpsykiatri").ToList() is { Count: > 0 } same ? rng.Pick(same) : null,
            };
            if (second is null || second == home)
            {
                continue;
            }
            member.Assignments.Add(new StaffAssignment { StaffId = member.Id, UnitId = second.Unit.Id });
            Register(second, member);
        }

        // Region-level roles: they need a unit assignment, and sit at the first vårdcentral in Växjö.
        var firstVaxjo = units.First(u => u.Kind == "vardcentral" && u.Unit.MunicipalityCode == "0780");
        for (var i = 0; i < 3; i++)
        {
            NewStaff(ref rng, Profession.Sjukskoterska, StaffRole.Analytiker, firstVaxjo);
        }
        for (var i = 0; i < 2; i++)
        {
            NewStaff(ref rng, Profession.Sjukskoterska, StaffRole.Administrator, firstVaxjo);
        }
        return staff;
    }

    private static void Register(UnitInfo unit, StaffMember member)
    {
        if (member.Role is StaffRole.Analytiker or StaffRole.Administrator)
        {
            return;
        }
        if (!unit.StaffByProfession.TryGetValue(member.Profession, out var list))
        {
            unit.StaffByProfession[member.Profession] = list = [];
        }
        list.Add(member.Id);
        unit.AllStaff.Add(member.Id);
    }

    private string GivenName(ref Rng rng, bool male) =>
        male ? _content.Names.Male[rng.Pick(_maleNames)].Name! : _content.Names.Female[rng.Pick(_femaleNames)].Name!;

    private string Surname(ref Rng rng) => _content.Names.Surnames[rng.Pick(_surnames)].Name!;

    // ---------------------------------------------------------------- population

    public GeneratedPopulation Population(GeneratedOrganisation org, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rng = new Rng(_seed, StreamPopulation);
        var r = _content.Region;
        var groups = _content.Population.AgeGroups;
        var groupCumulative = Rng.Cumulative(groups.SelectMany(g => new[] { (double)g.Male!.Value, (double)g.Female!.Value }));
        var municipalityCumulative = Rng.Cumulative(r.Municipalities.Select(m => (double)m.Population!.Value));
        var areaCumulative = r.Municipalities.Select(m => Rng.Cumulative(m.Areas.Select(a => a.Share!.Value))).ToArray();
        var usedSerials = new Dictionary<DateOnly, (int Start, int Men, int Women)>();

        var residents = new List<Resident>(count);
        var listings = new List<Listing[]>(count);
        var consents = new List<SharedRecordsConsent>();
        var threeYearsAgo = _today.AddYears(-3);
        for (var i = 0; i < count; i++)
        {
            var g = rng.Pick(groupCumulative);
            var group = groups[g / 2];
            var sex = g % 2 == 0 ? Sex.Man : Sex.Kvinna;
            var age = rng.Between(group.From!.Value, group.To!.Value);
            // Uniform over the birth dates that make them `age` today.
            var latest = _today.AddYears(-age);
            var earliest = _today.AddYears(-age - 1).AddDays(1);
            var birth = earliest.AddDays(rng.Next(latest.DayNumber - earliest.DayNumber + 1));
            var serial = NextSerial(ref rng, usedSerials, ref birth, sex);
            var m = rng.Pick(municipalityCumulative);
            var municipality = r.Municipalities[m];
            var area = municipality.Areas[rng.Pick(areaCumulative[m])].Name!;
            var given = GivenName(ref rng, sex == Sex.Man);
            var family = Surname(ref rng);
            var adult = age >= 18;
            var email = adult && rng.Chance(0.6)
                ? string.Create(CultureInfo.InvariantCulture, $"{Ascii(given)}.{Ascii(family)}.{i + 1}@exempel.invalid")
                : null;
            var phone = (adult || age >= 13) && rng.Chance(0.85)
                ? string.Create(CultureInfo.InvariantCulture, $"070-1740{rng.Between(605, 699)}")
                : null;
            var channelRoll = rng.NextDouble();
            var channel = channelRoll switch
            {
                < 0.15 when email is not null => ResidentChannel.Epost,
                < 0.40 when phone is not null => ResidentChannel.Sms,
                < 0.48 => ResidentChannel.Brev,
                _ => ResidentChannel.Portal,
            };
            var id = StrongId.From<ResidentId>(rng.NextGuid(i + 1, 0, KindResident));
            residents.Add(new Resident
            {
                Id = id,
                Personnummer = Personnummer.Create(birth, serial).Value,
                GivenName = given,
                FamilyName = family,
                Sex = sex,
                BirthDate = birth,
                MunicipalityCode = municipality.Code!,
                AddressArea = area,
                Email = email,
                Phone = phone,
                PreferredChannel = channel,
            });

            // Listing: at the vårdcentral responsible for the address area; some moved here from another one lately.
            var current = org.VardcentralByArea[(municipality.Code!, area)];
            var others = org.VardcentralerByMunicipality[municipality.Code!].Where(u => u != current).ToList();
            if (others.Count > 0 && rng.Chance(0.08) && birth < threeYearsAgo)
            {
                var switched = threeYearsAgo.AddDays(1 + rng.Next(_today.DayNumber - threeYearsAgo.DayNumber - 1));
                var earlierFrom = Max(birth, switched.AddYears(-1 - rng.Next(15)));
                listings.Add(
                [
                    new Listing { Id = new ListingId(rng.NextGuid(i + 1, 0, KindListing)), ResidentId = id, UnitId = rng.Pick(others).Unit.Id, From = earlierFrom, To = switched.AddDays(-1) },
                    new Listing { Id = new ListingId(rng.NextGuid(i + 1, 1, KindListing)), ResidentId = id, UnitId = current.Unit.Id, From = switched },
                ]);
            }
            else
            {
                var from = Max(birth, _today.AddYears(-rng.Next(20)).AddDays(-rng.Next(365)));
                listings.Add([new Listing { Id = new ListingId(rng.NextGuid(i + 1, 0, KindListing)), ResidentId = id, UnitId = current.Unit.Id, From = from }]);
            }
            if (age >= 18 && rng.Chance(0.65))
            {
                var changed = threeYearsAgo.AddDays(rng.Next(_today.DayNumber - threeYearsAgo.DayNumber));
                consents.Add(new SharedRecordsConsent { ResidentId = id, Consented = true, ChangedAt = Utc(changed, new TimeOnly(rng.Between(7, 21), rng.Next(60))) });
            }
        }
        return new GeneratedPopulation { Residents = residents, Listings = listings, Guardians = Guardians(ref rng, residents), Consents = consents };
    }

    private List<GuardianRelation> Guardians(ref Rng rng, List<Resident> residents)
    {
        // Custodians: adults 20–55 in the same municipality, 18–45 years older than the child.
        var adults = new Dictionary<string, List<Resident>>(StringComparer.Ordinal);
        foreach (var p in residents)
        {
            var age = p.AgeOn(_today);
            if (age is >= 20 and <= 55)
            {
                if (!adults.TryGetValue(p.MunicipalityCode, out var list))
                {
                    adults[p.MunicipalityCode] = list = [];
                }
                list.Add(p);
            }
        }
        var relations = new List<GuardianRelation>();
        foreach (var child in residents)
        {
            if (child.AgeOn(_today) >= 18 || !adults.TryGetValue(child.MunicipalityCode, out var pool))
            {
                continue;
            }
            var wanted = rng.Chance(0.75) ? 2 : 1;
            Resident? firstGuardian = null;
            for (var attempt = 0; attempt < 20 && wanted > 0; attempt++)
            {
                var candidate = rng.Pick(pool);
                var difference = child.BirthDate.Year - candidate.BirthDate.Year;
                if (difference is < 18 or > 45 || candidate == firstGuardian)
                {
                    continue;
                }
                relations.Add(new GuardianRelation { GuardianId = candidate.Id, ChildId = child.Id });
                firstGuardian = candidate;
                wanted--;
            }
        }
        return relations;
    }

    private static int NextSerial(ref Rng rng, Dictionary<DateOnly, (int Start, int Men, int Women)> used, ref DateOnly birth, Sex sex)
    {
        // Synthetic rule: individual number 900–999, odd for men and even for women; 50 of each per birth date.
        while (true)
        {
            if (!used.TryGetValue(birth, out var state))
            {
                state = (rng.Next(50), 0, 0);
            }
            var taken = sex == Sex.Man ? state.Men : state.Women;
            if (taken < 50)
            {
                var k = (state.Start + taken) % 50;
                used[birth] = sex == Sex.Man ? state with { Men = taken + 1 } : state with { Women = taken + 1 };
                return 900 + (2 * k) + (sex == Sex.Man ? 1 : 0);
            }
            birth = birth.AddDays(1);
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTimeOffset Utc(DateOnly day, TimeOnly localTime)
    {
        var local = day.ToDateTime(localTime, DateTimeKind.Unspecified);
        var offset = Stockholm.Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static string Ascii(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }
        return sb.ToString();
    }

    // ---------------------------------------------------------------- health history

    /// <summary>The health history of resident number <paramref name="index"/>; independent of every other resident.</summary>
    public HealthHistory Health(GeneratedOrganisation org, Resident resident, Listing[] listings, int index)
    {
        var rng = new Rng(_seed, StreamHealth, (ulong)index);
        var history = new HealthHistory();
        var ordinal = index + 1;
        var age = resident.AgeOn(_today);
        var male = resident.Sex == Sex.Man;
        var listed = org.Units.First(u => u.Unit.Id == listings[^1].UnitId);

        var multiplier = 1.0;
        var has = new HashSet<ChronicCondition>();
        foreach (var (kind, (def, m)) in _conditions)
        {
            var band = def.Prevalence.FirstOrDefault(b => age >= b.From && age <= b.To) ?? def.Prevalence[^1];
            if (!rng.Chance(male ? band.Male!.Value : band.Female!.Value))
            {
                continue;
            }
            has.Add(kind);
            multiplier = Math.Max(multiplier, m);
            var earliest = Max(resident.BirthDate.AddYears(Math.Min(age, 1)), _today.AddYears(-20));
            var onset = earliest.AddDays(rng.Next(Math.Max(1, _today.DayNumber - earliest.DayNumber)));
            history.Conditions.Add(new Condition
            {
                Id = new ConditionId(rng.NextGuid(ordinal, history.Conditions.Count, KindCondition)),
                ResidentId = resident.Id,
                Kind = kind,
                Icd10 = def.Icd10!,
                Onset = onset,
                RecordedBy = listed.Unit.Id,
            });
        }

        if (age >= 16)
        {
            foreach (var (habit, def) in _habits)
            {
                var band = def.Prevalence.FirstOrDefault(b => age >= b.From && age <= b.To) ?? def.Prevalence[^1];
                var present = rng.Chance(male ? band.Male!.Value : band.Female!.Value);
                var recorded = _today.AddDays(-1 - rng.Next(3 * 365));
                history.Lifestyle.Add(new LifestyleObservation
                {
                    Id = new LifestyleObservationId(rng.NextGuid(ordinal, history.Lifestyle.Count, KindLifestyle)),
                    ResidentId = resident.Id,
                    Habit = habit,
                    Present = present,
                    RecordedOn = Max(recorded, resident.BirthDate.AddYears(16)),
                    RecordedBy = UnitAt(listings, recorded),
                });
            }
        }

        var primaryCumulative = has.Count == 0 ? _primaryCumulativeBase ??= Rng.Cumulative(_primaryBase) : Weighted(_primaryBase, _primaryCondition, has);
        var admissionCumulative = has.Count == 0 ? _admissionCumulativeBase ??= Rng.Cumulative(_admissionBase) : Weighted(_admissionBase, _admissionCondition, has);
        var site = org.HospitalByMunicipality[resident.MunicipalityCode];
        var emergency = org.EmergencyBySite[site];
        var clinics = org.ClinicsBySite[site];
        var specialist = clinics.Where(c => c.Unit.Type == UnitType.Sjukhusklinik).ToList();
        var homeCare = org.HomeCareByMunicipality[resident.MunicipalityCode];
        var u = _content.Utilisation;
        var start = _today.AddYears(-3);
        for (var year = 0; year < 3; year++)
        {
            var yearStart = start.AddYears(year);
            var yearEnd = start.AddYears(year + 1);
            var ageThen = Math.Max(0, age - (2 - year));
            var contacts = u.ContactsPerPersonYear!.Bands.First(b => ageThen >= b.From && ageThen <= b.To);
            var emergencyRate = u.EmergencyVisitsPer1000!.Bands.First(b => ageThen >= b.From && ageThen <= b.To).Rate!.Value / 1000.0;
            var admissionRate = u.AdmissionsPer1000!.Bands.First(b => ageThen >= b.From && ageThen <= b.To).Rate!.Value / 1000.0;

            void Add(ref Rng g, UnitInfo unit, CareLevel level, RecordChannel channel, DateTimeOffset at, DateTimeOffset? end, string? diagnosis, StaffId? staff)
            {
                history.Encounters.Add(new Encounter
                {
                    Id = new EncounterId(g.NextGuid(ordinal, history.Encounters.Count, KindEncounter)),
                    ResidentId = resident.Id,
                    UnitId = unit.Unit.Id,
                    Level = level,
                    Channel = channel,
                    Start = at,
                    End = end,
                    DiagnosisCode = diagnosis,
                    StaffId = staff,
                });
            }

            foreach (var (rate, channel) in new[]
            {
                (contacts.PrimaryCarePhysical!.Value, RecordChannel.Fysiskt), (contacts.PrimaryCarePhone!.Value, RecordChannel.Telefon),
                (contacts.PrimaryCareVideo!.Value, RecordChannel.Video), (contacts.PrimaryCareChat!.Value, RecordChannel.Chatt),
            })
            {
                for (var n = rng.Poisson(rate * multiplier); n > 0; n--)
                {
                    if (!Day(ref rng, yearStart, yearEnd, resident.BirthDate, weekdays: true, out var day))
                    {
                        continue;
                    }
                    var unit = org.Units.FirstOrDefault(x => x.Unit.Id == UnitAt(listings, day)) ?? listed;
                    var profession = channel switch
                    {
                        RecordChannel.Fysiskt => rng.NextDouble() switch { < 0.45 => Profession.Lakare, < 0.8 => Profession.Sjukskoterska, < 0.9 => Profession.Fysioterapeut, _ => Profession.Psykolog },
                        RecordChannel.Video => rng.Chance(0.6) ? Profession.Lakare : Profession.Psykolog,
                        _ => Profession.Sjukskoterska,
                    };
                    var diagnosis = u.PrimaryCareDiagnoses!.Items[rng.Pick(primaryCumulative)].Icd10;
                    Add(ref rng, unit, CareLevel.Primarvard, channel, Utc(day, new TimeOnly(rng.Between(8, 15), 5 * rng.Next(12))), null, diagnosis, StaffFor(ref rng, unit, profession));
                }
            }
            var psychiatric = has.Contains(ChronicCondition.Depression) || has.Contains(ChronicCondition.Anxiety);
            for (var n = rng.Poisson(contacts.SpecialistOutpatient!.Value * multiplier); n > 0; n--)
            {
                if (!Day(ref rng, yearStart, yearEnd, resident.BirthDate, weekdays: true, out var day))
                {
                    continue;
                }
                var unit = psychiatric && org.PsychiatryUnits.Count > 0 && rng.Chance(0.3)
                    ? rng.Pick(org.PsychiatryUnits)
                    : ClinicFor(ref rng, specialist, ageThen);
                var channel = rng.NextDouble() switch { < 0.8 => RecordChannel.Fysiskt, < 0.95 => RecordChannel.Telefon, _ => RecordChannel.Video };
                var diagnosis = has.Count > 0 && rng.Chance(0.5) ? _conditions[has.ElementAt(rng.Next(has.Count))].Def.Icd10 : null;
                Add(ref rng, unit, CareLevel.Specialistvard, channel, Utc(day, new TimeOnly(rng.Between(8, 15), 5 * rng.Next(12))), null, diagnosis,
                    StaffFor(ref rng, unit, rng.Chance(0.7) ? Profession.Lakare : Profession.Sjukskoterska));
            }
            for (var n = rng.Poisson(emergencyRate * multiplier); n > 0; n--)
            {
                if (!Day(ref rng, yearStart, yearEnd, resident.BirthDate, weekdays: false, out var day))
                {
                    continue;
                }
                var diagnosis = u.EmergencyDiagnoses!.Items[rng.Pick(_emergencyCumulative)].Icd10;
                Add(ref rng, emergency, CareLevel.Akutvard, RecordChannel.Fysiskt, Utc(day, new TimeOnly(rng.Next(24), rng.Next(60))), null, diagnosis, StaffFor(ref rng, emergency, Profession.Lakare));
            }
            for (var n = rng.Poisson(admissionRate * multiplier); n > 0; n--)
            {
                if (!Day(ref rng, yearStart, yearEnd, resident.BirthDate, weekdays: false, out var day))
                {
                    continue;
                }
                var item = u.AdmissionDiagnoses!.Items[rng.Pick(admissionCumulative)];
                var clinic = AdmissionClinic(ref rng, org, clinics, item.Icd10!, ageThen);
                var at = Utc(day, new TimeOnly(rng.Next(24), rng.Next(60)));
                // Length of stay: exponential around the mean, at least a few hours.
                var los = Math.Max(0.25, -Math.Log(1 - rng.NextDouble()) * item.MeanLosDays!.Value);
                Add(ref rng, clinic, CareLevel.Slutenvard, RecordChannel.Fysiskt, at, at.AddHours(Math.Round(los * 24)), item.Icd10, StaffFor(ref rng, clinic, Profession.Lakare));
            }
            for (var n = rng.Poisson(contacts.MunicipalHomeCare!.Value * multiplier); n > 0; n--)
            {
                if (!Day(ref rng, yearStart, yearEnd, resident.BirthDate, weekdays: false, out var day))
                {
                    continue;
                }
                Add(ref rng, homeCare, CareLevel.KommunalHalsoOchSjukvard, RecordChannel.Hembesok, Utc(day, new TimeOnly(rng.Between(7, 20), 5 * rng.Next(12))), null, null,
                    StaffFor(ref rng, homeCare, rng.Chance(0.6) ? Profession.Sjukskoterska : Profession.Underskoterska));
            }
        }
        return history;
    }

    private double[]? _primaryCumulativeBase, _admissionCumulativeBase;

    private static double[] Weighted(double[] shares, ChronicCondition?[] conditions, HashSet<ChronicCondition> has)
    {
        // A resident's own conditions make the matching rows ten times as likely.
        var weights = new double[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            weights[i] = conditions[i] is { } c && has.Contains(c) ? shares[i] * 10 : shares[i];
        }
        return Rng.Cumulative(weights);
    }

    private bool Day(ref Rng rng, DateOnly from, DateOnly to, DateOnly birth, bool weekdays, out DateOnly day)
    {
        day = from.AddDays(rng.Next(to.DayNumber - from.DayNumber));
        if (weekdays && day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(day.DayOfWeek == DayOfWeek.Saturday ? 2 : 1);
        }
        return day >= birth && day < _today;
    }

    private static UnitId UnitAt(Listing[] listings, DateOnly day)
    {
        foreach (var l in listings)
        {
            if (day >= l.From && (l.To is null || day <= l.To))
            {
                return l.UnitId;
            }
        }
        return listings[^1].UnitId;
    }

    private static StaffId? StaffFor(ref Rng rng, UnitInfo unit, Profession profession)
    {
        if (unit.StaffByProfession.TryGetValue(profession, out var list) && list.Count > 0)
        {
            return rng.Pick(list);
        }
        return unit.AllStaff.Count > 0 ? rng.Pick(unit.AllStaff) : null;
    }

    private static UnitInfo ClinicFor(ref Rng rng, List<UnitInfo> specialist, int age)
    {
        if (age < 18 && specialist.FirstOrDefault(c => c.Kind == "barn") is { } barn && rng.Chance(0.7))
        {
            return barn;
        }
        var adult = specialist.Where(c => c.Kind != "barn").ToList();
        return rng.Pick(adult.Count > 0 ? adult : specialist);
    }

    private static UnitInfo AdmissionClinic(ref Rng rng, GeneratedOrganisation org, IReadOnlyList<UnitInfo> clinics, string icd10, int age)
    {
        string kind = icd10[0] switch
        {
            'F' => "vuxenpsykiatri",
            'O' => "kvinnoklinik",
            'S' or 'M' => "ortopedi",
            'K' => "kirurgi",
            _ when icd10 == "R10" => "kirurgi",
            _ when age < 18 => "barn",
            _ when age >= 80 && rng.Chance(0.4) => "geriatrik",
            _ => "medicin",
        };
        return clinics.FirstOrDefault(c => c.Kind == kind)
            ?? org.ClinicsBySite.Values.SelectMany(c => c).FirstOrDefault(c => c.Kind == kind)
            ?? clinics.First(c => c.Unit.Type == UnitType.Sjukhusklinik);
    }
}

/// <summary>Reads the per-profession figures of staffing.yaml.</summary>
internal static class Staffing
{
    public static IEnumerable<(Profession Profession, double Count)> Figures(ProfessionFigures p)
    {
        (Profession, double?)[] all =
        [
            (Profession.Lakare, p.Lakare), (Profession.Sjukskoterska, p.Sjukskoterska), (Profession.Psykolog, p.Psykolog),
            (Profession.Fysioterapeut, p.Fysioterapeut), (Profession.Arbetsterapeut, p.Arbetsterapeut), (Profession.Dietist, p.Dietist),
            (Profession.Kurator, p.Kurator), (Profession.Underskoterska, p.Underskoterska),
        ];
        return all.Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!.Value));
    }
}
