using Nara.Modules.Booking.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking.Domain;

/// <summary>
/// A weekly pattern: on this weekday, from Start to End (local Stockholm time), the staff member takes times of one type
/// and length at the unit, for dates in [ValidFrom, ValidUntil]. A staff member's templates never overlap.
/// </summary>
public sealed class ScheduleTemplate
{
    public ScheduleTemplateId Id { get; init; } = StrongId.New<ScheduleTemplateId>();
    public required UnitId UnitId { get; init; }
    public required StaffId StaffId { get; init; }
    public required Profession Profession { get; init; }
    public required SlotType Type { get; init; }
    public required DayOfWeek Weekday { get; init; }
    public required TimeOnly Start { get; init; }
    public required TimeOnly End { get; init; }
    public required int SlotMinutes { get; init; }
    public required DateOnly ValidFrom { get; init; }
    /// <summary>The last date the pattern applies, inclusive; null while it runs on.</summary>
    public DateOnly? ValidUntil { get; set; }
    /// <summary>Held back for same-day acute needs (staff book them; residents do not see them).</summary>
    public bool AcuteReserved { get; init; }
    /// <summary>Residents may book these times themselves, if the unit allows the type from the web.</summary>
    public bool WebBookable { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required Guid CreatedBy { get; init; }

    public bool AppliesOn(DateOnly date) => date.DayOfWeek == Weekday && date >= ValidFrom && (ValidUntil is not { } until || date <= until);

    /// <summary>Two patterns of one person overlap when they share a weekday, a time of day and a date.</summary>
    public bool Overlaps(ScheduleTemplate other) =>
        other.Id != Id && other.StaffId == StaffId && other.Weekday == Weekday
        && other.Start < End && Start < other.End
        && other.ValidFrom <= (ValidUntil ?? DateOnly.MaxValue) && ValidFrom <= (other.ValidUntil ?? DateOnly.MaxValue);
}

public enum AbsenceReason
{
    Ledighet,
    Stangt,
    Utbildning,
    Annat,
}

/// <summary>Dates [From, To] when a staff member (or, with no staff member, the whole unit) takes no times.</summary>
public sealed class ScheduleAbsence
{
    public ScheduleAbsenceId Id { get; init; } = StrongId.New<ScheduleAbsenceId>();
    public required UnitId UnitId { get; init; }
    public StaffId? StaffId { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required AbsenceReason Reason { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required Guid CreatedBy { get; init; }

    public bool Covers(StaffId staff, DateOnly date) => (StaffId is not { } s || s == staff) && date >= From && date <= To;
}

/// <summary>A unit's booking rules: what residents may book from the web, how late they may cancel, how far ahead times open.</summary>
public sealed class UnitBookingRules
{
    public static readonly IReadOnlyList<SlotType> DefaultWebTypes = [SlotType.Besok, SlotType.Video, SlotType.Telefon, SlotType.Chatt];

    public required UnitId UnitId { get; init; }
    /// <summary>Slot types residents may book themselves, comma separated ("Besok,Video").</summary>
    public string WebTypes { get; set; } = string.Join(',', DefaultWebTypes);
    /// <summary>Residents may cancel or rebook from the web until this many hours before the visit.</summary>
    public int WebCancellationHours { get; set; } = 24;
    /// <summary>How many days ahead times are generated and open for booking.</summary>
    public int HorizonDays { get; set; } = 84;

    public static UnitBookingRules Default(UnitId unit) => new() { UnitId = unit };

    public IReadOnlyList<SlotType> WebTypeList =>
        [.. WebTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<SlotType>)];

    public bool AllowsFromWeb(SlotType type) => WebTypeList.Contains(type);
}

/// <summary>A reason residents can book for at a unit (for example "Vaccination"), tied to a slot type and profession.</summary>
public sealed class BookingReason
{
    public BookingReasonId Id { get; init; } = StrongId.New<BookingReasonId>();
    public required UnitId UnitId { get; init; }
    public required string Name { get; set; }
    public required SlotType Type { get; set; }
    public Profession? Profession { get; set; }
    /// <summary>Residents may choose this reason when booking from the web.</summary>
    public bool WebBookable { get; set; } = true;
}
