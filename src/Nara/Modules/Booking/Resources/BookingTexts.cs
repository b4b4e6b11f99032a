namespace Nara.Modules.Booking.Resources;

/// <summary>The Booking module's UI texts: BookingTexts.resx (Swedish) and BookingTexts.en.resx (English), beside this file.</summary>
public sealed class BookingTexts;
