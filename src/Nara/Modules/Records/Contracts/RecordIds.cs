using Nara.Platform.Identifiers;

namespace Nara.Modules.Records.Contracts;

/// <summary>Identifies a care contact (vårdkontakt).</summary>
public readonly record struct EncounterId(Guid Value) : IStrongId<EncounterId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a recorded diagnosis.</summary>
public readonly record struct ConditionId(Guid Value) : IStrongId<ConditionId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a recorded lifestyle habit.</summary>
public readonly record struct LifestyleObservationId(Guid Value) : IStrongId<LifestyleObservationId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
