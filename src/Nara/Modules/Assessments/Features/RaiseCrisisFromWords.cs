using Nara.Modules.Assessments.Contracts;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// Crisis words in the person's own text, a message to their unit or a triage case sent to one, give that unit's team a
/// crisis task at the highest priority, inside the transaction that keeps the text (a message), or right after the case is
/// kept (a triage case): on the worklist the same minute, whatever happens to notices and push. The page that took the
/// text shows the crisis help (<see cref="CrisisHelp"/>). One alert per message or case.
/// </summary>
[NoAccessCheck("Event subscriber: writes the alert about the text the access-checked, audited command just kept; nothing is read.")]
public sealed class RaiseCrisisFromWords(NaraDbContext db, ICrisisWords words, IConfiguration configuration, TimeProvider time)
    : IDomainEventSubscriber<ThreadMessagePosted>, IDomainEventSubscriber<TriageCaseOpened>, IFeature
{
    public Task HandleAsync(ThreadMessagePosted e, CancellationToken ct)
    {
        if (e.FromStaff || e.Message is not { } message || !words.Matches(e.Text))
        {
            return Task.CompletedTask;
        }
        AssessmentRecords.RaiseCrisis(db, configuration, e.Resident, e.Unit, CrisisSource.Meddelande, message, "Meddelande med ord om självmord eller självskada", time.GetUtcNow());
        // Inside the message's transaction: saved with it (the command's save, or now if it has saved already).
        return db.CollectsWrites ? Task.CompletedTask : db.SaveChangesAsync(ct);
    }

    public async Task HandleAsync(TriageCaseOpened e, CancellationToken ct)
    {
        if (!words.Matches(e.Text))
        {
            return;
        }
        AssessmentRecords.RaiseCrisis(db, configuration, e.Resident, e.Unit, CrisisSource.Arende, e.CaseId.Value, "Ärende med ord om självmord eller självskada", time.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
