using Nara.Platform.Identifiers;

namespace Nara.Platform.Access;

/// <summary>Identifies an emergency access (nödåtkomst).</summary>
public readonly record struct EmergencyAccessId(Guid Value) : IStrongId<EmergencyAccessId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a block (spärr) a resident placed.</summary>
public readonly record struct AccessBlockId(Guid Value) : IStrongId<AccessBlockId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a consent to sharing between region and municipality.</summary>
public readonly record struct SharingConsentId(Guid Value) : IStrongId<SharingConsentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
