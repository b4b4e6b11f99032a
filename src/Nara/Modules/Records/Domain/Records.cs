using Nara.Modules.Records.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Records.Domain;

/// <summary>A care contact (vårdkontakt): a visit, call, chat, emergency visit or admission. Personal health data.</summary>
[PersonalData]
public sealed class Encounter
{
    public EncounterId Id { get; init; } = StrongId.New<EncounterId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required CareLevel Level { get; init; }
    public required ContactChannel Channel { get; init; }
    public required DateTimeOffset Start { get; init; }
    /// <summary>Discharge time for admissions; null for contacts without a stay.</summary>
    public DateTimeOffset? End { get; init; }
    /// <summary>Main diagnosis, ICD-10-SE code.</summary>
    public string? DiagnosisCode { get; init; }
    public StaffId? StaffId { get; init; }
}

/// <summary>A diagnosed chronic condition. Personal health data.</summary>
[PersonalData]
public sealed class Condition
{
    public ConditionId Id { get; init; } = StrongId.New<ConditionId>();
    public required ResidentId ResidentId { get; init; }
    public required ChronicCondition Kind { get; init; }
    public required string Icd10 { get; init; }
    public required DateOnly Onset { get; init; }
    /// <summary>The unit that made the diagnosis: blocks (spärr) hide it from other units.</summary>
    public UnitId? RecordedBy { get; init; }
}

/// <summary>A recorded lifestyle habit. Personal health data.</summary>
[PersonalData]
public sealed class LifestyleObservation
{
    public LifestyleObservationId Id { get; init; } = StrongId.New<LifestyleObservationId>();
    public required ResidentId ResidentId { get; init; }
    public required LifestyleHabit Habit { get; init; }
    public required bool Present { get; init; }
    public required DateOnly RecordedOn { get; init; }
    public UnitId? RecordedBy { get; init; }
}
