using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Contracts;

/// <summary>The units in a person's care team now, for other modules (whom the person can write to). Callers check access.</summary>
public interface ICareTeamUnits
{
    /// <summary>The distinct units with a current member of the person's care team.</summary>
    Task<IReadOnlyList<UnitId>> CurrentUnitsAsync(ResidentId resident, CancellationToken ct);
}
