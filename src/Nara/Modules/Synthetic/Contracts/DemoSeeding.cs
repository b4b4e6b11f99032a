using Nara.Platform.Identifiers;

namespace Nara.Modules.Synthetic.Contracts;

/// <summary>
/// A module that shows its feature on the demo region (ADR 0003) seeds its own rows through its own domain once the
/// region is written. Called only when the demo database is generated on first start, in one scope, after the region.
/// It must be deterministic in what it shows: the same region and day give the same residents, days and outcomes (no Random.Shared).
/// </summary>
public interface IDemoSeeder
{
    /// <summary>Writes the module's demo rows.</summary>
    Task SeedAsync(IDemoRegion region, CancellationToken ct);
}

/// <summary>A listed resident as a seeder chooses by: age, the number of chronic conditions and their ICD-10 codes (for believable rates).</summary>
public sealed record DemoPerson(ResidentId Id, DateOnly BirthDate, int ChronicConditions, IReadOnlyList<string> Icd10);

/// <summary>What a demo seeder may ask of the generated region.</summary>
public interface IDemoRegion
{
    /// <summary>The generator's seed, to derive the module's own deterministic choices.</summary>
    int Seed { get; }

    /// <summary>"Today" in Swedish time, as the region was generated for.</summary>
    DateOnly Today { get; }

    /// <summary>Units of the region with their type, in a stable order.</summary>
    Task<IReadOnlyList<(UnitId Unit, Organisation.Contracts.UnitType Type)>> UnitsAsync(CancellationToken ct);

    /// <summary>The unit's kommunkod.</summary>
    Task<string> MunicipalityOfAsync(UnitId unit, CancellationToken ct);

    /// <summary>The staff working at the unit, in a stable order. Read on the seeder's own connection, so a seeder
    /// needs no other service (another connection would meet the bulk writer's lock on SQLite).</summary>
    Task<IReadOnlyList<(StaffId Staff, Organisation.Contracts.Profession Profession, Organisation.Contracts.StaffRole Role)>> StaffAtAsync(UnitId unit, CancellationToken ct);

    /// <summary>Up to <paramref name="max"/> residents listed at the unit now, in a stable order.</summary>
    Task<IReadOnlyList<ResidentId>> ListedAtAsync(UnitId unit, int max, CancellationToken ct);

    /// <summary>Everyone listed at the unit now, in a stable order, with their birth date and how many chronic conditions they have.</summary>
    Task<IReadOnlyList<DemoPerson>> PeopleAtAsync(UnitId unit, CancellationToken ct);

    /// <summary>
    /// Writes the seeder's rows in one transaction with the region's bulk writer, without change tracking: the demo is
    /// written while a first start waits, and EF's change tracker spends most of a second on a few thousand rows.
    /// </summary>
    Task WriteAsync<T>(IReadOnlyCollection<T> rows, CancellationToken ct) where T : class;
}
