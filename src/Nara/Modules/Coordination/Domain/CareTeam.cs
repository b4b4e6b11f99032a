using Nara.Modules.Coordination.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Domain;

/// <summary>
/// A member of a resident's care team: a member of staff at a unit, or a unit as a whole (a home help group, a clinic),
/// with their role for this person. A care relationship with the unit while it lasts (no follow-up window: it ends
/// when the member is removed). Kept as history when it ends.
/// </summary>
[PersonalData]
public sealed class CareTeamMember
{
    public CareTeamMemberId Id { get; init; } = StrongId.New<CareTeamMemberId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    /// <summary>The member of staff; null when the unit as a whole is the member.</summary>
    public StaffId? StaffId { get; init; }
    /// <summary>The role for this person in the team's words, e.g. "Diabetessjuksköterska" or "Hemtjänstgrupp".</summary>
    public string? Role { get; set; }
    public required DateTimeOffset From { get; init; }
    public DateTimeOffset? To { get; set; }
    public required Guid AddedBy { get; init; }
    public required string AddedByName { get; init; }
    public Guid? EndedBy { get; set; }
    public string? EndedByName { get; set; }
    public string? EndReason { get; set; }

    public bool Active => To is null;
}

/// <summary>A fixed care contact or fixed doctor appointed for a resident: one of each kind at a time, with history.</summary>
[PersonalData]
public sealed class FixedContact
{
    public FixedContactId Id { get; init; } = StrongId.New<FixedContactId>();
    public required ResidentId ResidentId { get; init; }
    public required FixedContactKind Kind { get; init; }
    public required StaffId StaffId { get; init; }
    public required UnitId UnitId { get; init; }
    public required DateTimeOffset From { get; init; }
    public DateTimeOffset? To { get; set; }
    public required Guid AssignedBy { get; init; }
    public required string AssignedByName { get; init; }
}
