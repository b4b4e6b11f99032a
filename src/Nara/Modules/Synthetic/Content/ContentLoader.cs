using System.Globalization;
using System.Text.RegularExpressions;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Records.Contracts;
using Nara.Modules.Synthetic.Generation;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Nara.Modules.Synthetic.Content;

/// <summary>Finds, reads and validates content/region/*.yaml.</summary>
internal static partial class ContentLoader
{
    public const string ConfigKey = Platform.Content.ContentFolder.ConfigKey;

    /// <summary>The content/region folder: from configuration, else the first one found walking up from the app and the working directory.</summary>
    public static string FindRegionFolder(IConfiguration? configuration = null) => Platform.Content.ContentFolder.Find(configuration, "region");

    public static RegionContent Load(string regionFolder)
    {
        var region = Read<RegionFile>(regionFolder, "kronoberg.yaml", out var regionCheck);
        var population = Read<PopulationFile>(regionFolder, "population.yaml", out var populationCheck);
        var conditions = Read<ConditionsFile>(regionFolder, "conditions.yaml", out var conditionsCheck);
        var lifestyle = Read<LifestyleFile>(regionFolder, "lifestyle.yaml", out var lifestyleCheck);
        var utilisation = Read<UtilisationFile>(regionFolder, "utilisation.yaml", out var utilisationCheck);
        var staffing = Read<StaffingFile>(regionFolder, "staffing.yaml", out var staffingCheck);
        var names = Read<NamesFile>(regionFolder, "names.yaml", out var namesCheck);

        ValidateStaffing(staffing, staffingCheck);
        ValidateRegion(region, regionCheck, staffing);
        ValidatePopulation(population, populationCheck);
        ValidateConditions(conditions, conditionsCheck);
        ValidateLifestyle(lifestyle, lifestyleCheck);
        ValidateUtilisation(utilisation, utilisationCheck, conditions);
        ValidateNames(names, namesCheck);
        return new RegionContent(region, population, conditions, lifestyle, utilisation, staffing, names);
    }

    private static T Read<T>(string folder, string fileName, out Check check) where T : class
    {
        var path = Path.Combine(folder, fileName);
        var marks = new Dictionary<object, Mark>(ReferenceEqualityComparer.Instance);
        check = new Check(fileName, marks);
        if (!File.Exists(path))
        {
            throw new ContentException(fileName, 0, $"filen saknas i {folder}");
        }
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .WithNodeDeserializer(inner => new MarkingDeserializer(inner, marks), s => s.InsteadOf<ObjectNodeDeserializer>())
            .Build();
        T? result;
        try
        {
            using var reader = new StreamReader(path);
            result = deserializer.Deserialize<T>(reader);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is { } inner && ex.Message.Contains("Exception during deserialization", StringComparison.Ordinal)
                ? inner.Message
                : MarkPrefix().Replace(ex.Message, string.Empty);
            throw new ContentException(fileName, ex.Start.Line, OneLine(message));
        }
        if (result is null)
        {
            throw new ContentException(fileName, 1, "filen är tom");
        }
        check.Root = result;
        if (result is { } r && typeof(T).GetProperty("Sources")?.GetValue(r) is List<SourceDef> sources)
        {
            foreach (var s in sources)
            {
                check.Text(s, s.Id, "id");
                check.Text(s, s.Title, "title");
                check.Text(s, s.Publisher, "publisher");
                check.Text(s, s.Url, "url");
                check.Figure(s, s.Year, "year");
                check.SourceIds.Add(s.Id!);
            }
        }
        return result;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    private static void ValidateRegion(RegionFile f, Check c, StaffingFile staffing)
    {
        c.Present(f, f.Region, "region");
        c.Text(f.Region!, f.Region!.Name, "region.name");
        c.Text(f.Region, f.Region.Code, "region.code");
        c.NonEmpty(f, f.Municipalities, "municipalities");
        var areasByMunicipality = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var m in f.Municipalities)
        {
            c.Text(m, m.Code, "code");
            c.Text(m, m.Name, "name");
            c.Figure(m, m.Population, "population");
            c.Source(m, m.Source);
            c.NonEmpty(m, m.Areas, "areas");
            if (!areasByMunicipality.TryAdd(m.Code!, new HashSet<string>(StringComparer.Ordinal)))
            {
                c.Fail(m, $"kommunkoden {m.Code} finns två gånger");
            }
            foreach (var a in m.Areas)
            {
                c.Text(a, a.Name, "name");
                c.Share(a, a.Share, "share");
                if (!areasByMunicipality[m.Code!].Add(a.Name!))
                {
                    c.Fail(a, $"området {a.Name} finns två gånger i {m.Name}");
                }
            }
            c.SumsToOne(m, m.Areas.Select(a => a.Share!.Value), $"areas i {m.Name}");
        }
        c.NonEmpty(f, f.Vardcentraler, "vardcentraler");
        var covered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in f.Vardcentraler)
        {
            c.Text(v, v.Name, "name");
            c.Text(v, v.Municipality, "municipality");
            if (!areasByMunicipality.TryGetValue(v.Municipality!, out var areas))
            {
                c.Fail(v, $"kommunen {v.Municipality} finns inte under municipalities");
                continue;
            }
            c.NonEmpty(v, v.ListingAreas, "listing_areas");
            foreach (var a in v.ListingAreas)
            {
                if (!areas.Contains(a))
                {
                    c.Fail(v, $"listningsområdet {a} finns inte i kommunen {v.Municipality}");
                }
                if (!covered.TryAdd(v.Municipality + "/" + a, v.Name!))
                {
                    c.Fail(v, $"listningsområdet {a} hör redan till {covered[v.Municipality + "/" + a]}");
                }
            }
            if (!OpeningHours.TryParse(v.OpeningHours, out _, out var error))
            {
                c.Fail(v, $"opening_hours: {error}");
            }
        }
        foreach (var m in f.Municipalities)
        {
            foreach (var a in m.Areas.Where(a => !covered.ContainsKey(m.Code + "/" + a.Name)))
            {
                c.Fail(a, $"området {a.Name} i {m.Name} saknar vårdcentral med listningsansvar");
            }
        }
        var clinicTypes = staffing.HospitalClinic!.Types;
        c.NonEmpty(f, f.Hospitals, "hospitals");
        foreach (var h in f.Hospitals)
        {
            c.Text(h, h.Name, "name");
            c.Text(h, h.Municipality, "municipality");
            c.Require(h, areasByMunicipality.ContainsKey(h.Municipality!), $"kommunen {h.Municipality} finns inte under municipalities");
            c.NonEmpty(h, h.Clinics, "clinics");
            foreach (var k in h.Clinics)
            {
                c.Text(k, k.Name, "name");
                c.Text(k, k.Type, "type");
                c.Require(k, clinicTypes.ContainsKey(k.Type!), $"kliniktypen {k.Type} saknas i staffing.yaml hospital_clinic.types");
            }
        }
        foreach (var p in f.Psychiatry)
        {
            c.Text(p, p.Name, "name");
            c.Text(p, p.Municipality, "municipality");
            c.Require(p, areasByMunicipality.ContainsKey(p.Municipality!), $"kommunen {p.Municipality} finns inte under municipalities");
        }
    }

    private static void ValidatePopulation(PopulationFile f, Check c)
    {
        c.Figure(f, f.Year, "year");
        c.NonEmpty(f, f.AgeGroups, "age_groups");
        var next = 0;
        foreach (var g in f.AgeGroups)
        {
            c.Figure(g, g.From, "from");
            c.Figure(g, g.To, "to");
            c.Figure(g, g.Male, "male");
            c.Figure(g, g.Female, "female");
            c.Source(g, g.Source);
            c.Require(g, g.From == next && g.To >= g.From, $"åldersgruppen {g.From}-{g.To} ska börja på {next}");
            next = g.To!.Value + 1;
        }
    }

    private static void ValidateBands(Check c, object owner, List<SexBandDef> bands, int firstAge)
    {
        c.NonEmpty(owner, bands, "prevalence");
        var next = firstAge;
        foreach (var b in bands)
        {
            c.Figure(b, b.From, "from");
            c.Figure(b, b.To, "to");
            c.Share(b, b.Male, "male");
            c.Share(b, b.Female, "female");
            c.Require(b, b.From == next && b.To >= b.From, $"bandet {b.From}-{b.To} ska börja på {next}");
            next = b.To!.Value + 1;
        }
    }

    private static void ValidateConditions(ConditionsFile f, Check c)
    {
        c.NonEmpty(f, f.Conditions, "conditions");
        foreach (var d in f.Conditions)
        {
            c.Text(d, d.Code, "code");
            c.Require(d, TryCondition(d.Code, out _), $"okänt tillstånd '{d.Code}'");
            c.Text(d, d.NameSv, "name_sv");
            c.Text(d, d.NameEn, "name_en");
            c.Text(d, d.Icd10, "icd10");
            c.Source(d, d.Source);
            ValidateBands(c, d, d.Prevalence, 0);
        }
    }

    private static void ValidateLifestyle(LifestyleFile f, Check c)
    {
        c.NonEmpty(f, f.Habits, "habits");
        foreach (var h in f.Habits)
        {
            c.Text(h, h.Code, "code");
            c.Require(h, TryHabit(h.Code, out _), $"okänd levnadsvana '{h.Code}'");
            c.Text(h, h.NameSv, "name_sv");
            c.Text(h, h.NameEn, "name_en");
            c.Source(h, h.Source);
            ValidateBands(c, h, h.Prevalence, h.Prevalence.FirstOrDefault()?.From ?? 0);
        }
    }

    private static void ValidateUtilisation(UtilisationFile f, Check c, ConditionsFile conditions)
    {
        var codes = conditions.Conditions.Select(x => x.Code!).ToHashSet(StringComparer.Ordinal);
        c.Present(f, f.ContactsPerPersonYear, "contacts_per_person_year");
        c.Source(f.ContactsPerPersonYear!, f.ContactsPerPersonYear!.Source);
        c.NonEmpty(f.ContactsPerPersonYear, f.ContactsPerPersonYear.Bands, "bands");
        var next = 0;
        foreach (var b in f.ContactsPerPersonYear.Bands)
        {
            c.Figure(b, b.From, "from");
            c.Figure(b, b.To, "to");
            c.Rate(b, b.PrimaryCarePhysical, "primary_care_physical");
            c.Rate(b, b.PrimaryCarePhone, "primary_care_phone");
            c.Rate(b, b.PrimaryCareVideo, "primary_care_video");
            c.Rate(b, b.PrimaryCareChat, "primary_care_chat");
            c.Rate(b, b.SpecialistOutpatient, "specialist_outpatient");
            c.Rate(b, b.MunicipalHomeCare, "municipal_home_care");
            c.Require(b, b.From == next && b.To >= b.From, $"bandet {b.From}-{b.To} ska börja på {next}");
            next = b.To!.Value + 1;
        }
        foreach (var (table, key) in new[] { (f.EmergencyVisitsPer1000, "emergency_visits_per_1000"), (f.AdmissionsPer1000, "admissions_per_1000") })
        {
            c.Present(f, table, key);
            c.Source(table!, table!.Source);
            c.NonEmpty(table, table.Bands, "bands");
            next = 0;
            foreach (var b in table.Bands)
            {
                c.Figure(b, b.From, "from");
                c.Figure(b, b.To, "to");
                c.Rate(b, b.Rate, "rate");
                c.Require(b, b.From == next && b.To >= b.From, $"bandet {b.From}-{b.To} ska börja på {next}");
                next = b.To!.Value + 1;
            }
        }
        c.Present(f, f.ConditionContactMultiplier, "condition_contact_multiplier");
        c.Source(f.ConditionContactMultiplier!, f.ConditionContactMultiplier!.Source);
        foreach (var (code, value) in f.ConditionContactMultiplier.Values)
        {
            c.Require(f.ConditionContactMultiplier, codes.Contains(code), $"condition_contact_multiplier: okänt tillstånd '{code}'");
            c.Require(f.ConditionContactMultiplier, value > 0, $"condition_contact_multiplier: {code} ska vara > 0");
        }
        foreach (var (table, key) in new[] { (f.AdmissionDiagnoses, "admission_diagnoses"), (f.EmergencyDiagnoses, "emergency_diagnoses"), (f.PrimaryCareDiagnoses, "primary_care_diagnoses") })
        {
            c.Present(f, table, key);
            c.Source(table!, table!.Source);
            c.NonEmpty(table, table.Items, "items");
            foreach (var d in table.Items)
            {
                c.Text(d, d.Icd10, "icd10");
                c.Text(d, d.NameSv, "name_sv");
                c.Share(d, d.Share, "share");
                if (table == f.AdmissionDiagnoses)
                {
                    c.Rate(d, d.MeanLosDays, "mean_los_days");
                }
                c.Require(d, d.Condition is null || codes.Contains(d.Condition), $"okänt tillstånd '{d.Condition}'");
            }
            c.SumsToOne(table, table.Items.Select(d => d.Share!.Value), key);
        }
    }

    private static void ValidateStaffing(StaffingFile f, Check c)
    {
        c.Present(f, f.VardcentralPer10000Listed, "vardcentral_per_10000_listed");
        c.Present(f, f.HospitalClinic, "hospital_clinic");
        c.Present(f, f.PsychiatryUnit, "psychiatry_unit");
        c.Present(f, f.MunicipalHomeCarePer10000Inhabitants, "municipal_home_care_per_10000_inhabitants");
        c.Source(f.HospitalClinic!, f.HospitalClinic!.Source);
        c.NonEmpty(f.HospitalClinic, f.HospitalClinic.Types.Values.ToList(), "types");
        foreach (var p in new[] { f.VardcentralPer10000Listed!, f.PsychiatryUnit!, f.MunicipalHomeCarePer10000Inhabitants! })
        {
            c.Source(p, p.Source);
        }
        foreach (var p in new[] { f.VardcentralPer10000Listed!, f.PsychiatryUnit!, f.MunicipalHomeCarePer10000Inhabitants! }.Concat(f.HospitalClinic.Types.Values))
        {
            foreach (var (_, value) in Staffing.Figures(p))
            {
                c.Require(p, value >= 0, "antal personal kan inte vara negativt");
            }
            c.Require(p, Staffing.Figures(p).Any(x => x.Count > 0), "ingen personal alls");
        }
    }

    private static void ValidateNames(NamesFile f, Check c)
    {
        foreach (var (list, key) in new[] { (f.Male, "male"), (f.Female, "female"), (f.Surnames, "surnames") })
        {
            c.NonEmpty(f, list, key);
            foreach (var n in list)
            {
                c.Text(n, n.Name, "name");
                c.Figure(n, n.Count, "count");
                c.Require(n, n.Count > 0, "count ska vara > 0");
            }
        }
    }

    public static bool TryCondition(string? code, out ChronicCondition condition) => Enum.TryParse(Pascal(code), ignoreCase: false, out condition);

    public static bool TryHabit(string? code, out LifestyleHabit habit) => Enum.TryParse(Pascal(code), ignoreCase: false, out habit);

    private static string Pascal(string? snake) => string.Concat((snake ?? string.Empty).Split('_', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>Validation helpers for one file; every failure names the line of the object it is about.</summary>
    private sealed class Check(string file, Dictionary<object, Mark> marks)
    {
        public HashSet<string> SourceIds { get; } = new(StringComparer.Ordinal);
        public object? Root { get; set; }

        public void Fail(object? at, string problem)
        {
            var line = at is not null && marks.TryGetValue(at, out var mark) ? mark.Line : 1;
            throw new ContentException(file, line, problem);
        }

        public void Require(object at, bool ok, string problem)
        {
            if (!ok)
            {
                Fail(at, problem);
            }
        }

        public void Present(object at, object? value, string key) => Require(at, value is not null, $"{key} saknas");

        public void Text(object at, string? value, string key) => Require(at, !string.IsNullOrWhiteSpace(value), $"{key} saknas");

        public void Figure(object at, int? value, string key) => Require(at, value is >= 0, value is null ? $"{key} saknas" : $"{key} ska vara ≥ 0");

        public void Rate(object at, double? value, string key) => Require(at, value is >= 0 and < 1e6, value is null ? $"{key} saknas" : $"{key} ska vara ≥ 0");

        public void Share(object at, double? value, string key) =>
            Require(at, value is >= 0 and <= 1, value is null ? $"{key} saknas" : string.Create(CultureInfo.InvariantCulture, $"{key} = {value} ligger inte mellan 0 och 1"));

        public void SumsToOne(object at, IEnumerable<double> shares, string what)
        {
            var sum = shares.Sum();
            Require(at, Math.Abs(sum - 1) <= 0.0015, string.Create(CultureInfo.InvariantCulture, $"andelarna i {what} summerar till {sum:0.####}, inte 1"));
        }

        public void NonEmpty<T>(object at, List<T>? list, string key) => Require(at, list is { Count: > 0 }, $"{key} saknas eller är tom");

        public void Source(object at, string? id)
        {
            Text(at, id, "source");
            Require(at, SourceIds.Contains(id!), $"källan '{id}' finns inte under sources");
        }
    }

    /// <summary>Remembers where each object started in the file, so that validation can name the line.</summary>
    private sealed class MarkingDeserializer(INodeDeserializer inner, Dictionary<object, Mark> marks) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var start = reader.Current?.Start ?? Mark.Empty;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }
            if (value is not null)
            {
                marks[value] = start;
            }
            return true;
        }
    }
}
