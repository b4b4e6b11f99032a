using Nara.Modules.Monitoring.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Monitoring.Domain;

/// <summary>How a measurement reached Nära.</summary>
public enum MeasurementSource
{
    /// <summary>Typed in by the person (or staff) on a page or through the API.</summary>
    Manuell,
    /// <summary>Imported from a device's CSV export.</summary>
    Fil,
    /// <summary>Sent by a partner system (FHIR Observation).</summary>
    System,
}

/// <summary>
/// One home measurement, in the measure's own unit: the value (a blood pressure's systolic) and a second value (its
/// diastolic), when it was measured and how it came. Personal health data.
/// </summary>
[PersonalData]
public sealed class Measurement
{
    public MeasurementId Id { get; init; } = StrongId.New<MeasurementId>();
    public required ResidentId ResidentId { get; init; }
    public required string Measure { get; init; }
    public required double Value { get; init; }
    public double? Value2 { get; init; }
    public required DateTimeOffset MeasuredAt { get; init; }
    public required DateTimeOffset EnteredAt { get; init; }
    public required MeasurementSource Source { get; init; }
    /// <summary>Who entered it (the person, staff or the partner system's name).</summary>
    public required string EnteredBy { get; init; }
}

/// <summary>
/// A person's own limits for one part of a measure, set by their team: the target range and the wider alarm range. A
/// value outside the target is a normal-priority alert for the team; outside the alarm range, a high-priority one.
/// Personal health data.
/// </summary>
[PersonalData]
public sealed class MeasureLimit
{
    public MeasureLimitId Id { get; init; } = StrongId.New<MeasureLimitId>();
    public required ResidentId ResidentId { get; init; }
    public required string Measure { get; init; }
    public required string Component { get; init; }
    /// <summary>The unit whose team set the limits and gets the alerts.</summary>
    public required UnitId UnitId { get; set; }
    public double? TargetLow { get; set; }
    public double? TargetHigh { get; set; }
    public double? AlarmLow { get; set; }
    public double? AlarmHigh { get; set; }
    public required DateTimeOffset SetAt { get; set; }
    public required string SetBy { get; set; }
}

/// <summary>How urgent a measurement alert is.</summary>
public enum AlertPriority
{
    /// <summary>Outside the target range: handled within days.</summary>
    Normal,
    /// <summary>Outside the alarm range: handled within hours.</summary>
    Hog,
}

/// <summary>
/// An alert for the team: a measurement outside the person's limits, with its priority and the time it is to be handled
/// by; not handled in time, it escalates to the unit's head. Written in the same transaction as the measurement.
/// Personal health data.
/// </summary>
[PersonalData]
public sealed class MeasurementAlert
{
    public MeasurementAlertId Id { get; init; } = StrongId.New<MeasurementAlertId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required MeasurementId MeasurementId { get; init; }
    public required string Measure { get; init; }
    public required AlertPriority Priority { get; init; }
    /// <summary>What is outside which limit, in Swedish ("Blodtryck 182/104 mm[Hg]: över larmgränsen 180 (övre)").</summary>
    public required string Reason { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    public required DateTimeOffset HandleBy { get; init; }
    public DateTimeOffset? HandledAt { get; set; }
    public string? HandledBy { get; set; }
    /// <summary>What was done, at most 1,000 characters.</summary>
    public string? Note { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public int ConcurrencyToken { get; set; }
}
