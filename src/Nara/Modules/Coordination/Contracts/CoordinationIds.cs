using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Contracts;

/// <summary>Identifies a membership of a resident's care team.</summary>
public readonly record struct CareTeamMemberId(Guid Value) : IStrongId<CareTeamMemberId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an appointment of a fixed care contact or fixed doctor.</summary>
public readonly record struct FixedContactId(Guid Value) : IStrongId<FixedContactId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>The two fixed contacts a person can have, one of each at a time.</summary>
public enum FixedContactKind
{
    /// <summary>Fast vårdkontakt: the person who coordinates the care and whom the person turns to (HSL 6 kap. 2 §).</summary>
    FastVardkontakt,
    /// <summary>Fast läkarkontakt: the person's own doctor in primary care (HSL 7 kap. 3 §); a physician.</summary>
    FastLakarkontakt,
}

/// <summary>Identifies a person's enrolment on a care pathway.</summary>
public readonly record struct PathwayEnrolmentId(Guid Value) : IStrongId<PathwayEnrolmentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
