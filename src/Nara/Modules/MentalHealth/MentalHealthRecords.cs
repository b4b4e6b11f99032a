using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth;

/// <summary>What the module's use cases share: the audit log's resource names, the access requests and saving one command.</summary>
internal static class MentalHealthRecords
{
    /// <summary>The audit log's resource for care needs and step decisions.</summary>
    public const string CareResource = "Stegvis vård";

    /// <summary>The audit log's resource for self-help programmes and homework.</summary>
    public const string SelfHelpResource = "Självhjälp";

    public static readonly AccessRequest ReadCare = AccessRequest.Read(CareResource);

    public static readonly AccessRequest ReadSelfHelp = AccessRequest.Read(SelfHelpResource);

    /// <summary>A staff write on the person's care need, at the unit that holds it (or the actor's unit for a new one).</summary>
    public static AccessRequest StaffWrite(string resource, Platform.Identifiers.UnitId? heldBy, string hidden) =>
        (heldBy is { } unit ? AccessRequest.Write(resource).AtUnitRecord(unit) : AccessRequest.Write(resource)) with
        {
            StaffOnly = "Det här görs av vårdpersonal.",
            HiddenAs = ("id", hidden),
            AuditWhenDone = true,
        };

    /// <summary>The actor's unit, which a new care need or programme belongs to.</summary>
    public static Platform.Identifiers.UnitId UnitOf(Actor actor) =>
        actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att göra det här.");

    /// <summary>What the rules propose for an open care need now.</summary>
    public static async Task<StepProposal> ProposalAsync(IInstrumentScores scores, SteppedCareContent content, CareEpisode episode,
        IReadOnlySet<Platform.Identifiers.UnitId> hidden, DateTimeOffset now, CancellationToken ct) =>
        SteppedCareRules.Propose(content, await scores.ScoresAsync(episode.ResidentId, content.Instruments, hidden, ct), episode.Step, episode.StepSince, now);

    /// <summary>Saves a command's changes with a conflict named on <c>id</c> when someone else changed the same record.</summary>
    /// <summary>The therapist's first message in a programme's conversation, when they write none of their own.</summary>
    public static string Greeting(Programme programme) =>
        $"Välkommen till programmet {programme.Name.Sv}. Jag läser dina hemuppgifter och svarar här.";

    /// <summary>The person's homework as their message to the therapist.</summary>
    public static string HomeworkMessage(ProgrammeModule module, string homework) =>
        $"Hemuppgift, modul {module.Number} – {module.Title.Sv}:\n{homework}";

    public static async Task SaveAsync(NaraDbContext db, AccessGrant grant, string audit, string conflict, CancellationToken ct)
    {
        using (db.CollectWrites())
        {
            await grant.AuditAsync(audit, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("id", conflict);
            }
        }
    }
}
