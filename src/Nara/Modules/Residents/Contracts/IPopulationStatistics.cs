namespace Nara.Modules.Residents.Contracts;

/// <summary>Aggregated counts of residents: no individual can be picked out, so no access rule or audit applies.</summary>
public interface IPopulationStatistics
{
    /// <summary>Residents by municipality, sex and birth year.</summary>
    Task<IReadOnlyList<PopulationCell>> ByMunicipalitySexBirthYearAsync(CancellationToken ct);

    /// <summary>Residents listed now, per unit.</summary>
    Task<IReadOnlyDictionary<Platform.Identifiers.UnitId, int>> ListedByUnitAsync(CancellationToken ct);
}

/// <summary>One cell of the population table.</summary>
/// <param name="MunicipalityCode">Kommunkod.</param>
/// <param name="Sex">Sex.</param>
/// <param name="BirthYear">Birth year.</param>
/// <param name="Count">Number of residents.</param>
public sealed record PopulationCell(string MunicipalityCode, Sex Sex, int BirthYear, int Count);
