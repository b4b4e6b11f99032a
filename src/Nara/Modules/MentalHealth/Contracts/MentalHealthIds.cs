using Nara.Platform.Identifiers;

namespace Nara.Modules.MentalHealth.Contracts;

/// <summary>Identifies a person's care need in stepped care at a unit (from the first assessment's clock to closing).</summary>
public readonly record struct CareEpisodeId(Guid Value) : IStrongId<CareEpisodeId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a clinician's decision on a step.</summary>
public readonly record struct StepDecisionId(Guid Value) : IStrongId<StepDecisionId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a person's place in a self-help programme.</summary>
public readonly record struct EnrolmentId(Guid Value) : IStrongId<EnrolmentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a module the person has worked through, with their homework.</summary>
public readonly record struct ModuleWorkId(Guid Value) : IStrongId<ModuleWorkId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
