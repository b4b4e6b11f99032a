using Nara.Modules.Booking.Contracts;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Outbox;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Booking notifications through the outbox, in the booking's own transaction: a confirmation when a time is booked, a
/// reminder a configurable time before the visit (<c>Nara:Booking:ReminderBefore</c>, 24 hours by default), and on
/// cancellation the pending reminder is withdrawn and a cancellation confirmation sent.
/// The texts carry no health details: not the unit (its name can reveal a speciality such as psychiatry or BVC), not
/// the staff member, not the reason. Only date, time, "logga in i Nära för detaljer" and how to cancel: a text message or
/// e-mail may be read by someone else, and that someone is seeing a given unit is covered by health-care secrecy
/// (offentlighets- och sekretesslagen 25 kap. 1 §; patientdatalagen 2008:355).
/// </summary>
public sealed class SendBookingReminders(IOutbox outbox, IConfiguration configuration, TimeProvider time)
    : IDomainEventSubscriber<AppointmentBooked>, IDomainEventSubscriber<AppointmentCancelled>, IFeature
{
    public const string ConfirmationKind = "Bokningsbekräftelse";
    public const string ReminderKind = "Påminnelse";
    public const string CancellationKind = "Avbokningsbekräftelse";

    public static readonly TimeSpan DefaultReminderBefore = TimeSpan.FromHours(24);

    private TimeSpan ReminderBefore => configuration.GetValue("Nara:Booking:ReminderBefore", DefaultReminderBefore);

    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reference = BookingMessages.Reference(e.AppointmentId);
        var (subject, body) = BookingMessages.Confirmation(e.Start);
        await outbox.EnqueueAsync(new NewMessage(e.Resident, ConfirmationKind, subject, body, now, reference), ct);
        var remindAt = e.Start - ReminderBefore;
        if (remindAt > now)
        {
            (subject, body) = BookingMessages.Reminder(e.Start);
            await outbox.EnqueueAsync(new NewMessage(e.Resident, ReminderKind, subject, body, remindAt, reference), ct);
        }
    }

    public async Task HandleAsync(AppointmentCancelled e, CancellationToken ct)
    {
        var reference = BookingMessages.Reference(e.AppointmentId);
        await outbox.WithdrawAsync(reference, null, ct);
        var (subject, body) = BookingMessages.Cancellation(e.Start);
        await outbox.EnqueueAsync(new NewMessage(e.Resident, CancellationKind, subject, body, time.GetUtcNow(), reference), ct);
    }
}
