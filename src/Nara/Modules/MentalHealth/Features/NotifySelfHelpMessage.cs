using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Outbox;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The therapist wrote in a programme's conversation: the person is told through the outbox, in the message's
/// transaction, without health details (not the programme, only that there is an answer in Nära).
/// </summary>
[NoAccessCheck("Event subscriber: addresses a notice for the message Messaging just posted under its access check.")]
public sealed class NotifySelfHelpMessage(IOutbox outbox) : IDomainEventSubscriber<ThreadMessagePosted>, IFeature
{
    public const string Kind = "Svar i självhjälp";

    public async Task HandleAsync(ThreadMessagePosted e, CancellationToken ct)
    {
        if (!e.FromStaff || e.Origin is not { Kind: Enrolment.OriginKind } origin)
        {
            return;
        }
        await outbox.EnqueueAsync(new NewMessage(e.Resident, Kind, "Du har fått ett svar i Nära",
            "Din behandlare har skrivit till dig. Logga in i Nära och se Självhjälp.", e.At, $"self-help:{origin.Id}"), ct);
    }
}
