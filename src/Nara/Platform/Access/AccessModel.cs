using Nara.Platform.Identifiers;

namespace Nara.Platform.Access;

/// <summary>Why an access to personal health data was allowed, or that it was not.</summary>
public enum AccessBasis
{
    None,
    /// <summary>The resident reads their own data.</summary>
    Self,
    /// <summary>A custodian reads for a child under 13.</summary>
    Guardian,
    /// <summary>Active care relationship at the actor's unit (listing, booking, referral, care team).</summary>
    CareRelationship,
    /// <summary>Consent-based shared records across units (sammanhållen journalföring).</summary>
    SharedRecords,
    /// <summary>Emergency access (nödåtkomst) with a stated reason; flagged for review.</summary>
    EmergencyAccess,
    /// <summary>Access to aggregated or organisational data only.</summary>
    Aggregate,
}

public enum AuditAction
{
    Read,
    Write,
    Search,
    EmergencyAccessOpened,
    Export,
}

public enum AuditOutcome
{
    Allowed,
    Denied,
}

/// <summary>One append-only audit event (loggpost) for an access to personal data. Never updated, never deleted.</summary>
[PersonalData]
public sealed class AuditEvent
{
    public long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required Guid ActorId { get; init; }
    public required string ActorName { get; init; }
    public required string ActorRole { get; init; }
    public UnitId? ActorUnitId { get; init; }
    public ResidentId? ResidentId { get; init; }
    public required AuditAction Action { get; init; }
    /// <summary>What was touched, e.g. "Patientöversikt" or "FHIR Patient".</summary>
    public required string Resource { get; init; }
    public required AuditOutcome Outcome { get; init; }
    public required AccessBasis Basis { get; init; }
    /// <summary>The stated reason: required for emergency access.</summary>
    public string? Reason { get; init; }
    /// <summary>Marks events a verksamhetschef must follow up (emergency access).</summary>
    public bool Flagged { get; init; }
    public string? TraceId { get; init; }
}

/// <summary>An emergency access (nödåtkomst) opened by a member of staff; reviewed afterwards by a verksamhetschef.</summary>
[PersonalData]
public sealed class EmergencyAccess
{
    public EmergencyAccessId Id { get; init; } = StrongId.New<EmergencyAccessId>();
    public required StaffId StaffId { get; init; }
    public required UnitId UnitId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public StaffId? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNote { get; set; }
}

/// <summary>A block (spärr) the resident placed on a unit: its information is hidden from other units and the unit cannot read across units.</summary>
[PersonalData]
public sealed class AccessBlock
{
    public AccessBlockId Id { get; init; } = StrongId.New<AccessBlockId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? LiftedAt { get; set; }
}

/// <summary>Which way information may go between the region and the municipality.</summary>
public enum SharingDirection
{
    /// <summary>The municipality's staff may see what the region has written.</summary>
    RegionTillKommun,
    /// <summary>The region's staff may see what the municipality has written.</summary>
    KommunTillRegion,
}

/// <summary>
/// The person's consent that what one principal (huvudman) has written may be shown to the other's staff: region and
/// municipality are different care providers, so neither sees the other's information without it (PDL 6 kap.,
/// sammanhållen journalföring between care providers; OSL 25 kap. for social services). Given by the person
/// themself on their pages, or told to staff, who record it; withdrawn the same ways at any time. Kept as history: a
/// withdrawal closes the row, a new consent is a new row.
/// </summary>
[PersonalData]
public sealed class SharingConsent
{
    public SharingConsentId Id { get; init; } = StrongId.New<SharingConsentId>();
    public required ResidentId ResidentId { get; init; }
    public required SharingDirection Direction { get; init; }
    public required DateTimeOffset GivenAt { get; init; }
    /// <summary>Who recorded it: the resident (or a guardian) or a member of staff.</summary>
    public required Guid GivenBy { get; init; }
    public required string GivenByName { get; init; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public Guid? WithdrawnBy { get; set; }
    public string? WithdrawnByName { get; set; }
}

/// <summary>The resident's consent to shared records across units (samtycke till sammanhållen journalföring).</summary>
[PersonalData]
public sealed class SharedRecordsConsent
{
    public required ResidentId ResidentId { get; init; }
    public bool Consented { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
