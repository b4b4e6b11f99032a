using Nara.Platform.Identifiers;

namespace Nara.Modules.Organisation.Contracts;

/// <summary>Looks up units and staff for other modules.</summary>
public interface IOrganisationDirectory
{
    /// <summary>The unit, or null.</summary>
    Task<UnitSummary?> GetUnitAsync(UnitId id, CancellationToken ct);

    /// <summary>Units by id, for display of many at once.</summary>
    Task<IReadOnlyDictionary<UnitId, UnitSummary>> GetUnitsAsync(IEnumerable<UnitId> ids, CancellationToken ct);

    /// <summary>All units of a type, ordered by name.</summary>
    Task<IReadOnlyList<UnitSummary>> ListUnitsAsync(UnitType? type, CancellationToken ct);

    /// <summary>The unit's opening hours in the short form ("Mo-Fr 08:00-17:00"), or null.</summary>
    Task<string?> GetOpeningHoursAsync(UnitId id, CancellationToken ct);

    /// <summary>The staff member, or null.</summary>
    Task<StaffSummary?> GetStaffAsync(StaffId id, CancellationToken ct);

    /// <summary>Staff by id, for display of many at once; ids not found are left out.</summary>
    Task<IReadOnlyDictionary<StaffId, StaffSummary>> GetStaffAsync(IEnumerable<StaffId> ids, CancellationToken ct);

    /// <summary>Staff working at a unit, ordered by name.</summary>
    Task<IReadOnlyList<StaffSummary>> ListStaffAsync(UnitId unit, CancellationToken ct);

    /// <summary>The staff member with this HSA id, or null.</summary>
    Task<StaffSummary?> FindStaffByHsaIdAsync(string hsaId, CancellationToken ct);

    /// <summary>Municipality names by kommunkod.</summary>
    Task<IReadOnlyDictionary<string, string>> MunicipalityNamesAsync(CancellationToken ct);
}
