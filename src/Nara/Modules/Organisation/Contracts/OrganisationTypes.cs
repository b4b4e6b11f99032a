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
