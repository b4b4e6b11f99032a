using Nara.Platform.Identifiers;

namespace Nara.Modules.CareGuarantee.Contracts;

/// <summary>Identifies a care-guarantee clock.</summary>
public readonly record struct ClockId(Guid Value) : IStrongId<ClockId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
