using Nara.Platform.Identifiers;

namespace Nara.Modules.Triage.Contracts;

/// <summary>The urgency decided on a resident's triage case, and the unit the case was sent to.</summary>
/// <param name="Urgency">The clinician's urgency if one was set when the case was closed, otherwise the engine's.</param>
/// <param name="Unit">The unit the case was sent to.</param>
/// <param name="ByClinician">True when <paramref name="Urgency"/> is the clinician's own judgement.</param>
public sealed record TriageCaseUrgency(Urgency Urgency, UnitId Unit, bool ByClinician);

/// <summary>
/// The decided urgency of a triage case, for other modules (the booking waitlist). It does not check access or audit:
/// the caller decides access to the resident with <c>ResidentAccess</c> and audits its own use.
/// </summary>
public interface ITriageCaseUrgency
{
    /// <summary>The case's decided urgency, or null when there is no such case or it is about another resident.</summary>
    Task<TriageCaseUrgency?> GetUrgencyAsync(TriageCaseId caseId, ResidentId resident, CancellationToken ct);
}
