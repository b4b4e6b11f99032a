using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.MentalHealth.Domain;

/// <summary>
/// A person's place in a self-help programme started by a therapist at a unit, with its conversation (a message thread
/// whose origin is this enrolment): the person's homework lands there and the therapist answers there. Personal health
/// data (who is treated for what).
/// </summary>
[PersonalData]
public sealed class Enrolment
{
    public const string OriginKind = "self-help";

    public EnrolmentId Id { get; init; } = StrongId.New<EnrolmentId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required string ProgrammeId { get; init; }
    public required string ProgrammeVersion { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>The therapist who started it and reads the homework.</summary>
    public required StaffId TherapistId { get; init; }
    public required string TherapistName { get; init; }
    /// <summary>The conversation (Messaging's thread).</summary>
    public required ThreadId ThreadId { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? EndedBy { get; set; }
    public int ConcurrencyToken { get; set; }
}

/// <summary>A module the person has worked through, with their answer to its homework question. Personal health data.</summary>
[PersonalData]
public sealed class ModuleWork
{
    public ModuleWorkId Id { get; init; } = StrongId.New<ModuleWorkId>();
    public required EnrolmentId EnrolmentId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public required string ModuleId { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
    /// <summary>The person's homework, at most 4,000 characters.</summary>
    public required string Homework { get; init; }
}
