using Nara.Platform.Identifiers;

namespace Nara.Modules.CareGuarantee.Contracts;

/// <summary>The four time limits of the care guarantee 0-3-90-90 (HSL 2017:30 9 kap. 1 §).</summary>
public enum ClockKind
{
    /// <summary>0: contact with primary care the same day the resident seeks it.</summary>
    Kontakt,

    /// <summary>3: a medical assessment by licensed staff in primary care within 3 days.</summary>
    MedicinskBedomning,

    /// <summary>90: a first visit in specialised care within 90 days of the referral.</summary>
    Specialistbesok,

    /// <summary>90: the planned treatment within 90 days of the decision to treat.</summary>
    Behandling,
}

/// <summary>Where a clock stands on a given day.</summary>
public enum ClockStatus
{
    /// <summary>Running, within its limit, not yet close to it.</summary>
    Pagaende,

    /// <summary>Running and close to its limit (the last day of 0 and 3; day 80 or later of 90).</summary>
    Risk,

    /// <summary>Stopped on or before the deadline.</summary>
    Uppfylld,

    /// <summary>Past the deadline without a qualifying contact, assessment, visit or treatment (or stopped late).</summary>
    Overskriden,

    /// <summary>Excepted: the resident chose to wait, declined offered times, or the assessment was evidently unnecessary.</summary>
    Undantag,
}

/// <summary>A clock as other modules show it.</summary>
/// <param name="Id">The clock.</param>
/// <param name="Kind">Which limit.</param>
/// <param name="Unit">The unit responsible.</param>
/// <param name="StartDate">Day 0 (Europe/Stockholm date the clock started).</param>
/// <param name="Deadline">The last day on which the guarantee is met.</param>
/// <param name="Day">Days since the start today (day 0 is the start date), or at the stop when stopped.</param>
/// <param name="Status">Where it stands today.</param>
/// <param name="StopDate">The date of the qualifying contact, booking, visit or treatment, if stopped.</param>
/// <param name="StoppedBy">What stopped it, in Swedish, if stopped.</param>
/// <param name="ExemptionReason">The recorded reason for an exception, if any.</param>
public sealed record ClockView(
    ClockId Id, ClockKind Kind, UnitId Unit, DateOnly StartDate, DateOnly Deadline, int Day, ClockStatus Status, DateOnly? StopDate, string? StoppedBy, string? ExemptionReason);

/// <summary>
/// The care-guarantee clocks of a triage case or a resident, for other modules' pages. These methods do not check access
/// or audit: the caller shows them as part of something it has already decided access to and audited.
/// </summary>
public interface ICareGuaranteeClocks
{
    /// <summary>The clocks started by one source (a triage case id, a referral), oldest first.</summary>
    Task<IReadOnlyList<ClockView>> ForSourceAsync(Guid sourceId, CancellationToken ct);
}
