using Nara.Platform.Identifiers;

namespace Nara.Modules.Monitoring.Contracts;

/// <summary>Identifies a home measurement.</summary>
public readonly record struct MeasurementId(Guid Value) : IStrongId<MeasurementId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a person's target and alarm limits for one part of a measure.</summary>
public readonly record struct MeasureLimitId(Guid Value) : IStrongId<MeasureLimitId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an alert raised by a measurement outside its limits.</summary>
public readonly record struct MeasurementAlertId(Guid Value) : IStrongId<MeasurementAlertId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
