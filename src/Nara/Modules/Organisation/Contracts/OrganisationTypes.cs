namespace Nara.Modules.Organisation.Contracts;

/// <summary>What kind of care unit this is; decides who may list there and which services it offers.</summary>
public enum UnitType
{
    /// <summary>Primary care unit where residents are listed.</summary>
    Vardcentral,
    /// <summary>Emergency department.</summary>
    Akutmottagning,
    /// <summary>Hospital clinic (specialist care).</summary>
    Sjukhusklinik,
    /// <summary>Adult psychiatry.</summary>
    Vuxenpsykiatri,
    /// <summary>Municipal home health care (kommunal hemsjukvård).</summary>
    KommunalHemsjukvard,
    /// <summary>Municipal home help (hemtjänst): social services under SoL, part of a person's team at home.</summary>
    Hemtjanst,
}

/// <summary>
/// Who is responsible for a unit (huvudman): the region (health care, HSL) or the municipality (municipal health care
/// and social services). Each is its own care provider (vårdgivare), so what one has written is shown to the other
/// only with the person's consent.
/// </summary>
public enum Principal
{
    /// <summary>The region: primary care, hospitals, psychiatry.</summary>
    Region,
    /// <summary>The municipality: municipal home health care and home help.</summary>
    Kommun,
}

/// <summary>Professions in running Swedish text ("bokad tid med sjuksköterska"), for audit details and stop reasons.</summary>
public static class Professions
{
    public static string InText(Profession p) => p switch
    {
        Profession.Lakare => "läkare",
        Profession.Sjukskoterska => "sjuksköterska",
        Profession.Psykolog => "psykolog",
        Profession.Fysioterapeut => "fysioterapeut",
        Profession.Arbetsterapeut => "arbetsterapeut",
        Profession.Dietist => "dietist",
        Profession.Kurator => "kurator",
        Profession.Underskoterska => "undersköterska",
        _ => p.ToString(),
    };
}

/// <summary>Facts that follow from a unit's type.</summary>
public static class UnitTypes
{
    /// <summary>The unit's principal: municipal home health care and home help are the municipality's, the rest the region's.</summary>
    public static Principal PrincipalOf(UnitType type) => type is UnitType.KommunalHemsjukvard or UnitType.Hemtjanst ? Principal.Kommun : Principal.Region;
}

/// <summary>A licensed or registered profession in health care.</summary>
public enum Profession
{
    /// <summary>Physician.</summary>
    Lakare,
    /// <summary>Registered nurse.</summary>
    Sjukskoterska,
    /// <summary>Psychologist.</summary>
    Psykolog,
    /// <summary>Physiotherapist.</summary>
    Fysioterapeut,
    /// <summary>Occupational therapist.</summary>
    Arbetsterapeut,
    /// <summary>Dietitian.</summary>
    Dietist,
    /// <summary>Social worker (hospital counsellor).</summary>
    Kurator,
    /// <summary>Assistant nurse.</summary>
    Underskoterska,
}

/// <summary>What a member of staff may do in Nära, beyond their profession.</summary>
public enum StaffRole
{
    /// <summary>Clinician working with patients.</summary>
    Vardpersonal,
    /// <summary>Head of unit: reviews the access log and emergency accesses of their units.</summary>
    Verksamhetschef,
    /// <summary>Analyst: sees aggregated figures only.</summary>
    Analytiker,
    /// <summary>System administrator.</summary>
    Administrator,
}

/// <summary>A care unit as other modules see it.</summary>
/// <param name="Id">The unit.</param>
/// <param name="Name">Display name.</param>
/// <param name="Type">Kind of unit.</param>
/// <param name="MunicipalityCode">Four-digit kommunkod.</param>
/// <param name="HsaId">The unit's (synthetic) HSA id.</param>
public sealed record UnitSummary(Platform.Identifiers.UnitId Id, string Name, UnitType Type, string MunicipalityCode, string HsaId);

/// <summary>A member of staff as other modules see them.</summary>
/// <param name="Id">The staff member.</param>
/// <param name="Name">Full name.</param>
/// <param name="Profession">Profession.</param>
/// <param name="Role">Role in Nära.</param>
/// <param name="Units">Units they work at.</param>
/// <param name="HsaId">Their (synthetic) HSA id.</param>
public sealed record StaffSummary(Platform.Identifiers.StaffId Id, string Name, Profession Profession, StaffRole Role, IReadOnlyList<Platform.Identifiers.UnitId> Units, string HsaId);
