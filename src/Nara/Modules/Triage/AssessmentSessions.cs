using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage;

/// <summary>
/// Loads an assessment under the access rules and applies the session's expiry. An assessment about a resident is reached
/// by the resident themself, a guardian for a child, or staff with a care relationship, consent or emergency access, and
/// every access is audited. One that names nobody (for an adult someone else answers for, or made without signing in) is
/// reached only by the signed-in person who made it, or with its key (header <see cref="KeyHeader"/>); anyone else is told
/// it does not exist.
/// </summary>
public sealed class AssessmentSessions(NaraDbContext db, ResidentAccess access, TimeProvider time)
{
    public const string AuditResource = "Symtombedömning";

    /// <summary>An unfinished assessment can be continued this long after the last answer.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromHours(2);

    /// <summary>A finished assessment can be sent to the vårdcentral this long after it was finished.</summary>
    public static readonly TimeSpan SendWithin = TimeSpan.FromHours(24);

    /// <summary>The header carrying the key of an assessment made without signing in.</summary>
    public const string KeyHeader = "X-Assessment-Key";

    public async Task<Assessment> LoadAsync(Actor? actor, AssessmentId id, AuditAction action, CancellationToken ct, string? key = null)
    {
        var assessment = await db.Set<Assessment>().FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw ProblemException.NotFound("id", "Bedömningen finns inte.");
        if (assessment.SubjectId is { } subject)
        {
            if (actor is null)
            {
                throw new ProblemException(StatusCodes.Status401Unauthorized, "", "Logga in för att se den här bedömningen.");
            }
            await access.RequireAsync(actor, subject, new AccessRequest(AuditResource, action) with
            {
                ResidentsOnly = action == AuditAction.Write ? "Bara invånaren eller en vårdnadshavare kan svara i en symtombedömning." : null,
            }, ct);
        }
        else if (!(actor is not null && assessment.AnsweredBy == actor.Id) && !KeyMatches(assessment, key))
        {
            throw ProblemException.NotFound("id", "Bedömningen finns inte.");
        }
        return assessment;
    }

    /// <summary>A new random key, and its hash to store.</summary>
    public static (string Key, string Hash) NewKey()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        return (key, Hash(key));
    }

    private static string Hash(string key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    private static bool KeyMatches(Assessment assessment, string? key) =>
        assessment.KeyHash is { } stored && key is { Length: > 0 and < 200 }
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(Hash(key)));

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
