using Nara.Platform.Identifiers;

namespace Nara.Modules.Triage.Contracts;

/// <summary>Identifies a symptom assessment (En väg in).</summary>
public readonly record struct AssessmentId(Guid Value) : IStrongId<AssessmentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a case sent to a care unit.</summary>
public readonly record struct TriageCaseId(Guid Value) : IStrongId<TriageCaseId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

