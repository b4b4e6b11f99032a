namespace Nara.Modules.Synthetic.Contracts;

/// <summary>A synthetic person to sign in as on the demo identity page.</summary>
/// <param name="Kind">"resident" or "staff".</param>
/// <param name="Id">Resident or staff id.</param>
/// <param name="UnitId">For staff: the unit to work at.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What this persona shows.</param>
public sealed record DemoPersona(string Kind, Guid Id, Guid? UnitId, string Name, string Description);

/// <summary>Finds the demo personas in the database.</summary>
public interface IDemoPersonas
{
    /// <summary>The personas, in a fixed order.</summary>
    Task<IReadOnlyList<DemoPersona>> GetAsync(CancellationToken ct);
}
