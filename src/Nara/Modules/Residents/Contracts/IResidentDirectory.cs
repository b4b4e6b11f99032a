using Nara.Platform.Identifiers;

namespace Nara.Modules.Residents.Contracts;

/// <summary>Looks up residents for other modules. Callers are responsible for the access rules on what they show.</summary>
public interface IResidentDirectory
{
    /// <summary>True when the resident exists.</summary>
    Task<bool> ExistsAsync(ResidentId id, CancellationToken ct);

    /// <summary>The resident, or null.</summary>
    Task<ResidentSummary?> GetAsync(ResidentId id, CancellationToken ct);

    /// <summary>The residents of a list or page, by id, in one query (those that exist).</summary>
    Task<IReadOnlyDictionary<ResidentId, ResidentSummary>> GetManyAsync(IReadOnlyCollection<ResidentId> ids, CancellationToken ct);

    /// <summary>The resident with this personnummer (twelve digits), or null.</summary>
    Task<ResidentSummary?> FindByPersonnummerAsync(string personnummer, CancellationToken ct);

    /// <summary>Residents whose given or family name starts with each word of <paramref name="text"/>, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ResidentSummary>> FindByNameAsync(string text, int max, CancellationToken ct);

    /// <summary>Children under 13 the resident is custodian for.</summary>
    Task<IReadOnlyList<ResidentSummary>> ChildrenAsync(ResidentId guardian, CancellationToken ct);
}
