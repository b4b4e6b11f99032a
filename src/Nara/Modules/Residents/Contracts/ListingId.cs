using Nara.Platform.Identifiers;

namespace Nara.Modules.Residents.Contracts;

/// <summary>Identifies one period of listing at a vårdcentral.</summary>
public readonly record struct ListingId(Guid Value) : IStrongId<ListingId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
