using Nara.Modules.Coordination.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Domain;

/// <summary>
/// A person on a care pathway (content/pathways), held by the unit that enrolled them: the steps done with their dates
/// (as "step=yyyy-MM-dd" pairs), from which each open step's deadline and status follow (<see cref="Pathway"/>).
/// </summary>
[PersonalData]
public sealed class PathwayEnrolment
{
    public PathwayEnrolmentId Id { get; init; } = StrongId.New<PathwayEnrolmentId>();
    public required ResidentId ResidentId { get; init; }
    public required string PathwayId { get; init; }
    public required UnitId UnitId { get; init; }
    public required DateOnly EnrolledOn { get; init; }
    public required Guid EnrolledBy { get; init; }
    public required string EnrolledByName { get; init; }
    public List<StepDone> Done { get; set; } = [];
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }
    public int ConcurrencyToken { get; set; }

    public IReadOnlyDictionary<string, DateOnly> Completed => Done.ToDictionary(d => d.StepId, d => d.On, StringComparer.Ordinal);
}

/// <summary>A step done: when, and by whom.</summary>
public sealed class StepDone
{
    public required string StepId { get; init; }
    public required DateOnly On { get; init; }
    public required string ByName { get; init; }
}
