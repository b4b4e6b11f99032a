using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Tests.Modules.Booking;

/// <summary>Weekly patterns become the right concrete times, in Swedish time, around absences and daylight saving.</summary>
public sealed class SlotPlannerTests
{
    private static readonly UnitId Unit = new(Guid.Parse("00000000-0000-4000-8000-000000000001"));
    private static readonly StaffId Nurse = new(Guid.Parse("00000000-0000-4000-8000-000000000002"));

    private static ScheduleTemplate Template(DayOfWeek day, string start, string end, int minutes = 20, bool web = true, bool acute = false,
        DateOnly? from = null, DateOnly? until = null, SlotType type = SlotType.Besok) => new()
        {
            UnitId = Unit,
            StaffId = Nurse,
            Profession = Profession.Sjukskoterska,
            Type = type,
            Weekday = day,
            Start = TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            End = TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture),
            SlotMinutes = minutes,
            ValidFrom = from ?? new DateOnly(2026, 1, 1),
            ValidUntil = until,
            WebBookable = web,
            AcuteReserved = acute,
            CreatedAt = DateTimeOffset.UnixEpoch,
            CreatedBy = Guid.Empty,
        };

    [Fact]
    public void A_morning_pattern_gives_back_to_back_times_in_Swedish_time_on_its_weekday_only()
    {
        // 2026-11-23 is a Monday; Sweden is on UTC+1 in November.
        var slots = SlotPlanner.Plan([Template(DayOfWeek.Monday, "08:00", "09:00")], [], UnitBookingRules.Default(Unit),
            new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 29)).ToList();

        Assert.Equal(3, slots.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 20, 0, TimeSpan.Zero), slots[0].End);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 40, 0, TimeSpan.Zero), slots[2].Start);
        Assert.All(slots, s => Assert.Equal(Profession.Sjukskoterska, s.Profession));
    }

    [Fact]
    public void A_time_that_does_not_fit_before_the_end_of_the_session_is_not_made()
    {
        var slots = SlotPlanner.Plan([Template(DayOfWeek.Monday, "08:00", "08:50", minutes: 20)], [], UnitBookingRules.Default(Unit),
            new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 23)).ToList();
        Assert.Equal(2, slots.Count);
    }

    [Fact]
    public void Summer_time_moves_the_instant_but_not_the_wall_clock()
    {
        // 2026-03-29 is the spring change; the Monday after is on UTC+2.
        var slots = SlotPlanner.Plan([Template(DayOfWeek.Monday, "08:00", "08:20")], [], UnitBookingRules.Default(Unit),
            new DateOnly(2026, 3, 23), new DateOnly(2026, 3, 30)).ToList();
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 7, 0, 0, TimeSpan.Zero), slots[0].Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero), slots[1].Start);
    }

    [Fact]
    public void The_hour_skipped_at_the_spring_change_gives_no_times()
    {
        var slots = SlotPlanner.Plan([Template(DayOfWeek.Sunday, "01:00", "04:00", minutes: 60)], [], UnitBookingRules.Default(Unit),
            new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29)).ToList();
        // 01:00 (UTC+1) and 03:00 (UTC+2) exist; 02:00 does not.
        Assert.Equal([new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)], slots.Select(s => s.Start));
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromHours(1), s.End - s.Start));
    }

    [Fact]
    public void Leave_and_closed_days_take_out_the_covered_dates_only()
    {
        var leave = new ScheduleAbsence { UnitId = Unit, StaffId = Nurse, From = new DateOnly(2026, 11, 30), To = new DateOnly(2026, 11, 30), Reason = AbsenceReason.Ledighet, CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = Guid.Empty };
        var closed = new ScheduleAbsence { UnitId = Unit, From = new DateOnly(2026, 12, 14), To = new DateOnly(2026, 12, 14), Reason = AbsenceReason.Stangt, CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = Guid.Empty };
        var days = SlotPlanner.Plan([Template(DayOfWeek.Monday, "08:00", "08:20")], [leave, closed], UnitBookingRules.Default(Unit),
            new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 21)).Select(s => s.Start.Day).ToList();
        Assert.Equal([23, 7, 21], days);
    }

    [Fact]
    public void A_pattern_applies_only_within_its_validity()
    {
        var slots = SlotPlanner.Plan([Template(DayOfWeek.Monday, "08:00", "08:20", from: new DateOnly(2026, 11, 30), until: new DateOnly(2026, 12, 7))], [],
            UnitBookingRules.Default(Unit), new DateOnly(2026, 11, 23), new DateOnly(2026, 12, 31)).ToList();
        Assert.Equal(2, slots.Count);
    }

    [Fact]
    public void Acute_times_and_types_the_unit_keeps_off_the_web_are_not_web_bookable()
    {
        var rules = new UnitBookingRules { UnitId = Unit, WebTypes = "Besok" };
        var day = new DateOnly(2026, 11, 23);
        var acute = SlotPlanner.Plan([Template(DayOfWeek.Monday, "08:00", "08:20", acute: true)], [], rules, day, day).Single();
        var video = SlotPlanner.Plan([Template(DayOfWeek.Monday, "09:00", "09:20", type: SlotType.Video)], [], rules, day, day).Single();
        var visit = SlotPlanner.Plan([Template(DayOfWeek.Monday, "10:00", "10:20")], [], rules, day, day).Single();
        Assert.False(acute.WebBookable);
        Assert.True(acute.AcuteReserved);
        Assert.False(video.WebBookable);
        Assert.True(visit.WebBookable);
    }

    [Fact]
    public void Patterns_of_one_person_overlap_only_when_weekday_hours_and_dates_all_meet()
    {
        var a = Template(DayOfWeek.Monday, "08:00", "12:00");
        Assert.True(a.Overlaps(Template(DayOfWeek.Monday, "11:40", "13:00")));
        Assert.False(a.Overlaps(Template(DayOfWeek.Monday, "12:00", "13:00")));
        Assert.False(a.Overlaps(Template(DayOfWeek.Tuesday, "08:00", "12:00")));
        var ended = Template(DayOfWeek.Monday, "08:00", "12:00", until: new DateOnly(2026, 6, 30));
        Assert.False(ended.Overlaps(Template(DayOfWeek.Monday, "08:00", "12:00", from: new DateOnly(2026, 7, 1))));
    }
}
