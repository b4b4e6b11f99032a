using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage;

/// <summary>
/// Loads an assessment for the signed-in person under the access rules (the resident themself, a guardian for a child,
/// or staff with a care relationship, consent or emergency access), audits the access, and applies the session's expiry.
/// </summary>
public sealed class AssessmentSessions(NaraDbContext db, ResidentAccess access, TimeProvider time)
{
    public const string AuditResource = "Symtombedömning";

    /// <summary>An unfinished assessment can be continued this long after the last answer.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromHours(2);

    /// <summary>A finished assessment can be sent to the vårdcentral this long after it was finished.</summary>
    public static readonly TimeSpan SendWithin = TimeSpan.FromHours(24);

    public async Task<Assessment> LoadAsync(Actor actor, AssessmentId id, AuditAction action, CancellationToken ct)
    {
        var assessment = await db.Set<Assessment>().FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw ProblemException.NotFound("id", "Bedömningen finns inte.");
        await access.RequireAsync(actor, assessment.SubjectId, new AccessRequest(AuditResource, action) with
        {
            ResidentsOnly = action == AuditAction.Write ? "Bara invånaren eller en vårdnadshavare kan svara i en symtombedömning." : null,
        }, ct);
        return assessment;
    }

    /// <summary>Refuses answers to an assessment left too long (410), and pushes the expiry forward on every answer.</summary>
    public void Touch(Assessment assessment)
    {
        var now = time.GetUtcNow();
        if (assessment.Status == AssessmentStatus.Pagaende && assessment.ExpiresAt <= now)
        {
            throw ProblemException.Gone("Bedömningen har gått ut eftersom det gick för lång tid mellan svaren. Börja om med en ny bedömning.");
        }
        assessment.UpdatedAt = now;
        assessment.ExpiresAt = now + Idle;
    }

    public async Task<TriageCaseId?> CaseOfAsync(AssessmentId assessmentId, CancellationToken ct) =>
        await db.Set<TriageCase>().Where(c => c.AssessmentId == assessmentId).Select(c => (TriageCaseId?)c.Id).FirstOrDefaultAsync(ct);
}
