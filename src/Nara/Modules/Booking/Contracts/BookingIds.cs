using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Contracts;

/// <summary>Identifies a bookable time (Slot).</summary>
public readonly record struct SlotId(Guid Value) : IStrongId<SlotId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a booking (Appointment); a digital visit's meeting has the same id.</summary>
public readonly record struct AppointmentId(Guid Value) : IStrongId<AppointmentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a wish on the waitlist.</summary>
public readonly record struct WaitlistEntryId(Guid Value) : IStrongId<WaitlistEntryId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an offer of a freed time to someone on the waitlist.</summary>
public readonly record struct WaitlistOfferId(Guid Value) : IStrongId<WaitlistOfferId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a weekly schedule pattern.</summary>
public readonly record struct ScheduleTemplateId(Guid Value) : IStrongId<ScheduleTemplateId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies an absence or closed day in a unit's schedule.</summary>
public readonly record struct ScheduleAbsenceId(Guid Value) : IStrongId<ScheduleAbsenceId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies one of a unit's booking reasons.</summary>
public readonly record struct BookingReasonId(Guid Value) : IStrongId<BookingReasonId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
