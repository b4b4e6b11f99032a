using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents.Domain;

[PersonalData]
public sealed class Resident
{
    public ResidentId Id { get; init; } = StrongId.New<ResidentId>();
    /// <summary>Twelve digits, validated by <see cref="Contracts.Personnummer"/>.</summary>
    public required string Personnummer { get; set; }
    public required string GivenName
    {
        get => _givenName;
        set
        {
            _givenName = value;
            GivenNameSearchKey = SearchKey.Of(value);
        }
    }
    public required string FamilyName
    {
        get => _familyName;
        set
        {
            _familyName = value;
            FamilyNameSearchKey = SearchKey.Of(value);
        }
    }
    /// <summary>The names folded for prefix search in SQL (<see cref="SearchKey"/>); kept in step by the setters.</summary>
    public string GivenNameSearchKey { get; private set; } = "";
    public string FamilyNameSearchKey { get; private set; } = "";
    private string _givenName = "";
    private string _familyName = "";
    public required Sex Sex { get; init; }
    public required DateOnly BirthDate { get; init; }
    public required string MunicipalityCode { get; set; }
    public required string AddressArea { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public NotificationChannel PreferredChannel { get; set; } = NotificationChannel.Portal;
    /// <summary>BCP 47 language for letters and messages, "sv" by default.</summary>
    public string PreferredLanguage { get; set; } = "sv";

    public string FullName => $"{GivenName} {FamilyName}";

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }
}

/// <summary>One period of listing (listning) at a vårdcentral. The open period (no end) is the current listing.</summary>
[PersonalData]
public sealed class Listing
{
    public ListingId Id { get; init; } = StrongId.New<ListingId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required DateOnly From { get; init; }
    public DateOnly? To { get; set; }
}

/// <summary>A custodian (vårdnadshavare) who may act for a child until the child turns 13.</summary>
[PersonalData]
public sealed class GuardianRelation
{
    public required ResidentId GuardianId { get; init; }
    public required ResidentId ChildId { get; init; }
}
