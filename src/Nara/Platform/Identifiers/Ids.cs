namespace Nara.Platform.Identifiers;

/// <summary>Identifies a care unit (vårdenhet).</summary>
public readonly record struct UnitId(Guid Value) : IStrongId<UnitId>
{
    /// <inheritdoc />
    public static UnitId From(Guid value) => new(value);

    /// <summary>A new time-ordered id.</summary>
    public static UnitId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a member of staff.</summary>
public readonly record struct StaffId(Guid Value) : IStrongId<StaffId>
{
    /// <inheritdoc />
    public static StaffId From(Guid value) => new(value);

    /// <summary>A new time-ordered id.</summary>
    public static StaffId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}


/// <summary>Identifies a resident (invånare). Never the personnummer: that is personal data and may change (samordningsnummer to personnummer).</summary>
public readonly record struct ResidentId(Guid Value) : IStrongId<ResidentId>
{
    /// <inheritdoc />
    public static ResidentId From(Guid value) => new(value);

    /// <summary>A new time-ordered id.</summary>
    public static ResidentId New() => new(Guid.CreateVersion7());

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
