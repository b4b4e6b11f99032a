using Nara.Modules.CareGuarantee.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.CareGuarantee.Domain;

/// <summary>What started a clock.</summary>
public enum ClockSource
{
    /// <summary>A triage case sent to the unit (En väg in).</summary>
    Arende,

    /// <summary>A referral received by a specialist unit, registered by its staff.</summary>
    Remiss,

    /// <summary>A decision to treat, registered by staff at the unit.</summary>
    Beslut,

    /// <summary>A contact by phone or at the desk of a vårdcentral, registered by its staff.</summary>
    Kontakt,
}

/// <summary>Why a clock does not count (HSF 2017:80 6 kap.; SKR's reporting rules: "patientvald väntan").</summary>
public enum ClockExemption
{
    /// <summary>The resident chose to wait longer than the guarantee (patientvald väntan).</summary>
    ValtAttVanta,

    /// <summary>The resident declined a time offered within the limit.</summary>
    AvbojtErbjudenTid,

    /// <summary>The medical assessment was evidently unnecessary given the resident's state of health (HSL 9 kap. 1 § 2).</summary>
    BedomningObehovlig,
}

/// <summary>
/// One care-guarantee clock: a kind (0, 3, 90, 90), a start date (day 0, Europe/Stockholm), a deadline, what stopped it
/// and when, and an exception with its reason and who recorded it. Personal health data (who sought care where).
/// </summary>
[PersonalData]
public sealed class GuaranteeClock
{
    public ClockId Id { get; init; } = StrongId.New<ClockId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required ClockKind Kind { get; init; }
    public required ClockSource Source { get; init; }
    /// <summary>The triage case, or for a registered referral or decision the registration's own id.</summary>
    public required Guid SourceId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateOnly StartDate { get; init; }
    public required DateOnly Deadline { get; init; }
    /// <summary>A note from a registration (e.g. the referring unit), never symptoms.</summary>
    public string? Note { get; init; }

    public DateTimeOffset? StoppedAt { get; set; }
    /// <summary>The day the qualifying contact, assessment, visit or treatment takes place.</summary>
    public DateOnly? StopDate { get; set; }
    /// <summary>What stopped it, in Swedish ("Bokad tid med sjuksköterska", "Svar i ärendet").</summary>
    public string? StoppedBy { get; set; }
    /// <summary>The booking that stopped it, so a cancellation can reopen the clock.</summary>
    public Guid? StopReference { get; set; }

    public ClockExemption? Exemption { get; set; }
    public string? ExemptionReason { get; set; }
    public Guid? ExemptionBy { get; set; }
    public string? ExemptionByName { get; set; }
    public DateTimeOffset? ExemptionAt { get; set; }

    public int ConcurrencyToken { get; set; }

    public bool IsOpen => StopDate is null;

    public ClockStatus StatusOn(DateOnly today) => GuaranteeRules.Status(Kind, StartDate, StopDate, Exemption is not null, today);

    /// <summary>
    /// Stops the clock on a qualifying event, unless it is already stopped on an earlier (or the same) day: the earliest
    /// qualifying contact counts. Returns true when the clock changed.
    /// </summary>
    public bool StopOn(DateOnly date, DateTimeOffset at, string by, Guid? reference)
    {
        if (date < StartDate || (StopDate is { } current && current <= date))
        {
            return false;
        }
        StopDate = date;
        StoppedAt = at;
        StoppedBy = by;
        StopReference = reference;
        return true;
    }

    /// <summary>Reopens a clock that a booking stopped, when that booking is cancelled or the resident did not come.</summary>
    public bool ReopenIfStoppedBy(Guid reference)
    {
        if (StopReference != reference)
        {
            return false;
        }
        StopDate = null;
        StoppedAt = null;
        StoppedBy = null;
        StopReference = null;
        return true;
    }
}
