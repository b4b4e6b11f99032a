using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Organisation.Domain;

public sealed class Region
{
    public required string Code { get; init; }
    public required string Name { get; set; }
}

public sealed class Municipality
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string RegionCode { get; init; }
    /// <summary>Care Need Index weight relative to the country (1.0), where published.</summary>
    public decimal? CareNeedIndex { get; set; }
    public List<string> Areas { get; set; } = [];
}

public sealed class CareUnit
{
    public UnitId Id { get; init; } = StrongId.New<UnitId>();
    public required string HsaId { get; init; }
    public required string Name { get; set; }
    public required UnitType Type { get; init; }
    public required string MunicipalityCode { get; init; }
    /// <summary>The hospital a clinic belongs to, if any.</summary>
    public string? Site { get; set; }
    /// <summary>Address areas this vårdcentral has geographic listing responsibility for.</summary>
    public List<string> ListingAreas { get; set; } = [];
    /// <summary>Opening hours in the short form "Mo-Fr 08:00-17:00; Sa 10:00-14:00".</summary>
    public string? OpeningHours { get; set; }
}

public sealed class StaffMember
{
    public StaffId Id { get; init; } = StrongId.New<StaffId>();
    public required string HsaId { get; init; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public required Profession Profession { get; set; }
    public StaffRole Role { get; set; } = StaffRole.Vardpersonal;
    public List<StaffAssignment> Assignments { get; set; } = [];

    public string FullName => $"{GivenName} {FamilyName}";
}

public sealed class StaffAssignment
{
    public StaffId StaffId { get; init; }
    public UnitId UnitId { get; init; }
}
