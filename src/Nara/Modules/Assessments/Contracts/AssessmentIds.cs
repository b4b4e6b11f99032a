using Nara.Platform.Identifiers;

namespace Nara.Modules.Assessments.Contracts;

/// <summary>Identifies an instrument sent to a person to answer (one occasion of a schedule).</summary>
public readonly record struct InstrumentRequestId(Guid Value) : IStrongId<InstrumentRequestId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a person's answers to an instrument, with their scores.</summary>
public readonly record struct InstrumentResponseId(Guid Value) : IStrongId<InstrumentResponseId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a crisis alert: a task for the team that never waits.</summary>
public readonly record struct CrisisAlertId(Guid Value) : IStrongId<CrisisAlertId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
