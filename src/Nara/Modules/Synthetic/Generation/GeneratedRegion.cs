using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Records.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Synthetic.Generation;

/// <summary>What the generator knows about a unit beyond the entity: the content's clinic type and the hospital catchment.</summary>
internal sealed record UnitInfo(CareUnit Unit, string Kind)
{
    /// <summary>Staff ids per profession at this unit (including staff who also work elsewhere).</summary>
    public Dictionary<Profession, List<StaffId>> StaffByProfession { get; } = [];
    public List<StaffId> AllStaff { get; } = [];
}

/// <summary>The organisation part of a generated region: region, municipalities, units and staff.</summary>
internal sealed class GeneratedOrganisation
{
    public required Region Region { get; init; }
    public required IReadOnlyList<Municipality> Municipalities { get; init; }
    public required IReadOnlyList<UnitInfo> Units { get; init; }
    public required IReadOnlyList<StaffMember> Staff { get; init; }

    /// <summary>(kommunkod, area) → the vårdcentral with listing responsibility.</summary>
    public required IReadOnlyDictionary<(string Municipality, string Area), UnitInfo> VardcentralByArea { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<UnitInfo>> VardcentralerByMunicipality { get; init; }
    public required IReadOnlyDictionary<string, UnitInfo> HomeCareByMunicipality { get; init; }
    /// <summary>The home help (hemtjänst) unit of each municipality, by kommunkod.</summary>
    public required IReadOnlyDictionary<string, UnitInfo> HomeHelpByMunicipality { get; init; }
    /// <summary>kommunkod → the hospital (site name) whose emergency department and clinics serve it.</summary>
    public required IReadOnlyDictionary<string, string> HospitalByMunicipality { get; init; }
    public required IReadOnlyDictionary<string, UnitInfo> EmergencyBySite { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<UnitInfo>> ClinicsBySite { get; init; }
    public required IReadOnlyList<UnitInfo> PsychiatryUnits { get; init; }

    public IEnumerable<StaffAssignment> Assignments => Staff.SelectMany(s => s.Assignments);
}

/// <summary>The residents and what belongs to them outside the health history.</summary>
internal sealed class GeneratedPopulation
{
    public required IReadOnlyList<Resident> Residents { get; init; }
    /// <summary>Listings per resident index, oldest first; the last one is open.</summary>
    public required IReadOnlyList<Listing[]> Listings { get; init; }
    public required IReadOnlyList<GuardianRelation> Guardians { get; init; }
    public required IReadOnlyList<SharedRecordsConsent> Consents { get; init; }
}

/// <summary>The health history of one resident: conditions, lifestyle observations and encounters.</summary>
internal sealed class HealthHistory
{
    public List<Condition> Conditions { get; } = [];
    public List<LifestyleObservation> Lifestyle { get; } = [];
    public List<Encounter> Encounters { get; } = [];
}

/// <summary>Counts of what was generated, by table.</summary>
internal sealed class GenerationCounts
{
    public long Municipalities { get; set; }
    public long Units { get; set; }
    public long Staff { get; set; }
    public long Assignments { get; set; }
    public long Residents { get; set; }
    public long Slots { get; set; }
    public long Listings { get; set; }
    public long Guardians { get; set; }
    public long Consents { get; set; }
    public long Conditions { get; set; }
    public long Lifestyle { get; set; }
    public long Encounters { get; set; }

    public long Total => 1 + Municipalities + Units + Staff + Assignments + Residents + Listings + Guardians + Consents + Conditions + Lifestyle + Encounters + Slots;
}
