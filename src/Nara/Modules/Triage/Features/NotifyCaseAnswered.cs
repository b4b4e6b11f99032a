using Microsoft.EntityFrameworkCore;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Tells the person who sent a case that care has answered (a message, or a booked call-back or visit), through the
/// outbox in the answer's own transaction. Like the booking messages it carries no health details: not the unit, not
/// the complaint, only that there is an answer in Nära.
/// </summary>
[NoAccessCheck("Reads the case only to address the notice, inside the transaction of the staff answer that was access-checked.")]
public sealed class NotifyCaseAnswered(NaraDbContext db, IOutbox outbox) : IDomainEventSubscriber<TriageCaseAnswered>, IFeature
{
    public const string Kind = "Svar i ärende";

    public async Task HandleAsync(TriageCaseAnswered e, CancellationToken ct)
    {
        var sentBy = await db.Set<TriageCase>().Where(c => c.Id == e.CaseId).Select(c => (Guid?)c.SentBy).FirstOrDefaultAsync(ct);
        var subject = "Du har fått svar i Nära";
        var body = e.AppointmentAt is { } at
            ? $"Vården har bokat en tid åt dig {Stockholm.InWords(at)}. Logga in i Nära och se Mina ärenden för detaljer."
            : "Vården har svarat på ditt ärende. Logga in i Nära och se Mina ärenden för att läsa svaret och svara.";
        await outbox.EnqueueAsync(new NewMessage(sentBy is { } who ? new ResidentId(who) : e.Resident, Kind, subject, body, e.At, $"triage-case:{e.CaseId.Value}"), ct);
    }
}
