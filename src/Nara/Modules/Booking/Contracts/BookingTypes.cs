namespace Nara.Modules.Booking.Contracts;

/// <summary>How a bookable time is used.</summary>
public enum SlotType
{
    Besok,
    Video,
    Telefon,
    Chatt,
}

public enum AppointmentStatus
{
    Bokad,
    Avbokad,
    Genomford,
    UteBlev,
}
