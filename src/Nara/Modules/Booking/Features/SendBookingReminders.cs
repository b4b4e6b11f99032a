using System.Globalization;
using Nara.Modules.Booking.Contracts;
using Nara.Platform.Events;
using Nara.Platform.Localisation;
using Nara.Platform.Outbox;
using Nara.Platform.Time;

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
    : IDomainEventSubscriber<AppointmentBooked>, IDomainEventSubscriber<AppointmentCancelled>
{
    public const string ConfirmationKind = "Bokningsbekräftelse";
    public const string ReminderKind = "Påminnelse";
    public const string CancellationKind = "Avbokningsbekräftelse";

    public static readonly TimeSpan DefaultReminderBefore = TimeSpan.FromHours(24);

    private TimeSpan ReminderBefore => configuration.GetValue("Nara:Booking:ReminderBefore", DefaultReminderBefore);

    public async Task HandleAsync(AppointmentBooked e, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reference = Outbox.BookingReference(e.AppointmentId);
        var (subject, body) = BookingTexts.Confirmation(e.Start);
        await outbox.EnqueueAsync(new NewMessage(e.Resident, ConfirmationKind, subject, body, now, reference), ct);
        var remindAt = e.Start - ReminderBefore;
        if (remindAt > now)
        {
            (subject, body) = BookingTexts.Reminder(e.Start);
            await outbox.EnqueueAsync(new NewMessage(e.Resident, ReminderKind, subject, body, remindAt, reference), ct);
        }
    }

    public async Task HandleAsync(AppointmentCancelled e, CancellationToken ct)
    {
        var reference = Outbox.BookingReference(e.AppointmentId);
        await outbox.WithdrawAsync(reference, null, ct);
        var (subject, body) = BookingTexts.Cancellation(e.Start);
        await outbox.EnqueueAsync(new NewMessage(e.Resident, CancellationKind, subject, body, time.GetUtcNow(), reference), ct);
    }
}

/// <summary>The generic texts of booking messages (Swedish; the portal shows the details after sign-in).</summary>
public static class BookingTexts
{
    private static readonly CultureInfo Swedish = LocalisationSetup.Swedish;

    /// <summary>"tisdag 24 november kl. 09:20", in Swedish time.</summary>
    public static string When(DateTimeOffset start)
    {
        var local = Stockholm.ToLocal(start);
        return local.ToString("dddd d MMMM yyyy 'kl.' HH:mm", Swedish);
    }

    private const string Details = "Logga in i Nära för detaljer.";
    private const string HowToCancel = "Om du inte kan komma: avboka i Nära senast 24 timmar före, eller ring din mottagning.";

    public static (string Subject, string Body) Confirmation(DateTimeOffset start) =>
        ("Din tid är bokad", $"Du har en bokad tid {When(start)}. {Details} {HowToCancel}");

    public static (string Subject, string Body) Reminder(DateTimeOffset start) =>
        ("Påminnelse om din bokade tid", $"Påminnelse: du har en bokad tid {When(start)}. {Details} {HowToCancel}");

    public static (string Subject, string Body) Cancellation(DateTimeOffset start) =>
        ("Din tid är avbokad", $"Din tid {When(start)} är avbokad. {Details} Där kan du också boka en ny tid.");

    public static (string Subject, string Body) Offer(DateTimeOffset start, DateTimeOffset expires) =>
        ("En tidigare tid finns", $"En tidigare tid har blivit ledig: {When(start)}. Logga in i Nära för detaljer och för att tacka ja eller nej senast {When(expires)}. Den som först tackar ja får tiden.");
}
