namespace Nara.Platform.Identifiers;

/// <summary>Identifies a care unit (vårdenhet).</summary>
public readonly record struct UnitId(Guid Value) : IStrongId<UnitId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a member of staff.</summary>
public readonly record struct StaffId(Guid Value) : IStrongId<StaffId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a resident (invånare). Never the personnummer: that is personal data and may change (samordningsnummer to personnummer).</summary>
public readonly record struct ResidentId(Guid Value) : IStrongId<ResidentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
