// The shapes of content/region/*.yaml. Property names map to the files through YamlDotNet's underscored naming
// convention; unknown keys are an error (strict), and figures are nullable so that a missing one is reported by
// ContentValidator instead of silently becoming zero.
#pragma warning disable CA2227 // Collection properties are set by the YAML deserialiser.
#pragma warning disable CA1002 // List<T> is what the deserialiser fills.

using YamlDotNet.Serialization;

namespace Nara.Modules.Synthetic.Content;

internal sealed record SourceDef
{
    public string? Id { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }
    public string? Url { get; init; }
    public int? Year { get; init; }
}

internal sealed record RegionFile
{
    public List<SourceDef> Sources { get; init; } = [];
    public RegionDef? Region { get; init; }
    public List<MunicipalityDef> Municipalities { get; init; } = [];
    public List<VardcentralDef> Vardcentraler { get; init; } = [];
    public List<HospitalDef> Hospitals { get; init; } = [];
    public List<PsychiatryDef> Psychiatry { get; init; } = [];
}

internal sealed record RegionDef
{
    public string? Name { get; init; }
    public string? Code { get; init; }
}

internal sealed record MunicipalityDef
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public int? Population { get; init; }
    public string? Source { get; init; }
    public decimal? Cni { get; init; }
    public List<AreaDef> Areas { get; init; } = [];
}

internal sealed record AreaDef
{
    public string? Name { get; init; }
    public double? Share { get; init; }
}

internal sealed record VardcentralDef
{
    public string? Name { get; init; }
    public string? Municipality { get; init; }
    public List<string> ListingAreas { get; init; } = [];
    public string? OpeningHours { get; init; }
}

internal sealed record HospitalDef
{
    public string? Name { get; init; }
    public string? Municipality { get; init; }
    public List<ClinicDef> Clinics { get; init; } = [];
}

internal sealed record ClinicDef
{
    public string? Name { get; init; }
    public string? Type { get; init; }
}

internal sealed record PsychiatryDef
{
    public string? Name { get; init; }
    public string? Municipality { get; init; }
}

internal sealed record PopulationFile
{
    public List<SourceDef> Sources { get; init; } = [];
    public int? Year { get; init; }
    public List<AgeGroupDef> AgeGroups { get; init; } = [];
}

internal sealed record AgeGroupDef
{
    public int? From { get; init; }
    public int? To { get; init; }
    public int? Male { get; init; }
    public int? Female { get; init; }
    public string? Source { get; init; }
}

internal sealed record SexBandDef
{
    public int? From { get; init; }
    public int? To { get; init; }
    public double? Male { get; init; }
    public double? Female { get; init; }
}

internal sealed record ConditionsFile
{
    public List<SourceDef> Sources { get; init; } = [];
    public List<ConditionDef> Conditions { get; init; } = [];
}

internal sealed record ConditionDef
{
    public string? Code { get; init; }
    public string? NameSv { get; init; }
    public string? NameEn { get; init; }
    public string? Icd10 { get; init; }
    public string? Source { get; init; }
    public List<SexBandDef> Prevalence { get; init; } = [];
}

internal sealed record LifestyleFile
{
    public List<SourceDef> Sources { get; init; } = [];
    public List<HabitDef> Habits { get; init; } = [];
}

internal sealed record HabitDef
{
    public string? Code { get; init; }
    public string? NameSv { get; init; }
    public string? NameEn { get; init; }
    public string? Source { get; init; }
    public List<SexBandDef> Prevalence { get; init; } = [];
}

internal sealed record UtilisationFile
{
    public List<SourceDef> Sources { get; init; } = [];
    public ContactTable? ContactsPerPersonYear { get; init; }
    [YamlMember(Alias = "emergency_visits_per_1000")]
    public RateTable? EmergencyVisitsPer1000 { get; init; }
    [YamlMember(Alias = "admissions_per_1000")]
    public RateTable? AdmissionsPer1000 { get; init; }
    public MultiplierTable? ConditionContactMultiplier { get; init; }
    public DiagnosisTable? AdmissionDiagnoses { get; init; }
    public DiagnosisTable? EmergencyDiagnoses { get; init; }
    public DiagnosisTable? PrimaryCareDiagnoses { get; init; }
}

internal sealed record ContactTable
{
    public string? Source { get; init; }
    public List<ContactBandDef> Bands { get; init; } = [];
}

internal sealed record ContactBandDef
{
    public int? From { get; init; }
    public int? To { get; init; }
    public double? PrimaryCarePhysical { get; init; }
    public double? PrimaryCarePhone { get; init; }
    public double? PrimaryCareVideo { get; init; }
    public double? PrimaryCareChat { get; init; }
    public double? SpecialistOutpatient { get; init; }
    public double? MunicipalHomeCare { get; init; }
}

internal sealed record RateTable
{
    public string? Source { get; init; }
    public List<RateBandDef> Bands { get; init; } = [];
}

internal sealed record RateBandDef
{
    public int? From { get; init; }
    public int? To { get; init; }
    public double? Rate { get; init; }
}

internal sealed record MultiplierTable
{
    public string? Source { get; init; }
    public Dictionary<string, double> Values { get; init; } = [];
}

internal sealed record DiagnosisTable
{
    public string? Source { get; init; }
    public List<DiagnosisDef> Items { get; init; } = [];
}

internal sealed record DiagnosisDef
{
    public string? Icd10 { get; init; }
    public string? NameSv { get; init; }
    public double? Share { get; init; }
    public double? MeanLosDays { get; init; }
    public string? Condition { get; init; }
}

internal sealed record StaffingFile
{
    public List<SourceDef> Sources { get; init; } = [];
    [YamlMember(Alias = "vardcentral_per_10000_listed")]
    public ProfessionFigures? VardcentralPer10000Listed { get; init; }
    public ClinicStaffing? HospitalClinic { get; init; }
    public ProfessionFigures? PsychiatryUnit { get; init; }
    [YamlMember(Alias = "municipal_home_care_per_10000_inhabitants")]
    public ProfessionFigures? MunicipalHomeCarePer10000Inhabitants { get; init; }
}

internal sealed record ClinicStaffing
{
    public string? Source { get; init; }
    public Dictionary<string, ProfessionFigures> Types { get; init; } = [];
}

/// <summary>Head counts (or rates) per profession; a profession left out has none.</summary>
internal sealed record ProfessionFigures
{
    public string? Source { get; init; }
    public double? Lakare { get; init; }
    public double? Sjukskoterska { get; init; }
    public double? Psykolog { get; init; }
    public double? Fysioterapeut { get; init; }
    public double? Arbetsterapeut { get; init; }
    public double? Dietist { get; init; }
    public double? Kurator { get; init; }
    public double? Underskoterska { get; init; }
}

internal sealed record NamesFile
{
    public List<SourceDef> Sources { get; init; } = [];
    public List<NameCountDef> Male { get; init; } = [];
    public List<NameCountDef> Female { get; init; } = [];
    public List<NameCountDef> Surnames { get; init; } = [];
}

internal sealed record NameCountDef
{
    public string? Name { get; init; }
    public int? Count { get; init; }
}

/// <summary>All of content/region, loaded and validated.</summary>
internal sealed record RegionContent(
    RegionFile Region,
    PopulationFile Population,
    ConditionsFile Conditions,
    LifestyleFile Lifestyle,
    UtilisationFile Utilisation,
    StaffingFile Staffing,
    NamesFile Names);
