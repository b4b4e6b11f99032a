using Nara.Modules.Booking.Contracts;
using Nara.Platform.Time;

namespace Nara.Modules.Booking;

/// <summary>The generic texts of booking messages (Swedish; the portal shows the details after sign-in).</summary>
public static class BookingMessages
{
    /// <summary>The outbox reference of a booking's messages, so the pending ones can be withdrawn when it is cancelled.</summary>
    public static string Reference(AppointmentId appointmentId) => $"booking:{appointmentId.Value:N}";

    /// <summary>"tisdag 24 november 2026 kl. 09:20", in Swedish time.</summary>
    public static string When(DateTimeOffset start) => Stockholm.InWords(start);

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
