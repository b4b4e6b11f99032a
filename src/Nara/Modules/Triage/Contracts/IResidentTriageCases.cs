using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Triage.Contracts;

/// <summary>One of a resident's triage cases as the resident is shown it in "Mina ärenden": when it was sent and its sökorsak.</summary>
/// <param name="Id">The case (what <c>triageCaseId</c> refers to).</param>
/// <param name="CreatedAt">When the case was sent to the unit.</param>
/// <param name="Label">The sökorsak (chief complaint) title, as frozen on the case; no answers, free text or urgency.</param>
public sealed record ResidentTriageCase(TriageCaseId Id, DateTimeOffset CreatedAt, string Label);

/// <summary>
/// A resident's own recent triage cases, for pages in other modules that let the resident refer to one (the booking
/// waitlist's "Gäller ärende"). Unlike <see cref="ITriageCaseUrgency"/> it decides access and audits itself, as
/// "Mina ärenden" does: the read is audited once per call with cases, resource "Ärende (En väg in)".
/// </summary>
public interface IResidentTriageCases
{
    /// <summary>
    /// The resident's most recent cases, newest first, at most <paramref name="limit"/>. For a signed-in resident
    /// only: their own cases (access basis Self) or a child's they act for (Guardian). Empty for staff, when there are
    /// no cases, and when access is refused (audited as denied).
    /// </summary>
    Task<IReadOnlyList<ResidentTriageCase>> ListRecentAsync(Actor actor, ResidentId resident, int limit, CancellationToken ct);
}
