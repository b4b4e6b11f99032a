using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Records.Contracts;

/// <summary>
/// A short view of a resident's record for other modules' pages (for example beside a triage case): chronic conditions
/// and the latest contacts. Decides access and writes the audit event itself; null when access is denied.
/// </summary>
public interface IPatientSummaries
{
    Task<PatientSummary?> GetAsync(Actor actor, ResidentId resident, CancellationToken ct);
}

public sealed record PatientSummary(
    IReadOnlyList<PatientSummaryCondition> Conditions,
    IReadOnlyList<PatientSummaryContact> RecentContacts,
    int ContactsTotal,
    int HiddenByBlocks);

public sealed record PatientSummaryCondition(ChronicCondition Kind, string Icd10, DateOnly Onset);

public sealed record PatientSummaryContact(DateTimeOffset Start, CareLevel Level, ContactChannel Channel, string UnitName, string? DiagnosisCode);
