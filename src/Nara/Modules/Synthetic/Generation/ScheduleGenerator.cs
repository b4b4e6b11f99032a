using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;

namespace Nara.Modules.Synthetic.Generation;

/// <summary>
/// Weekly patterns for the clinicians of every vårdcentral (at their first unit only, so that no one's patterns
/// overlap), a few booking reasons per unit, and the times they give from today to the default horizon. A mix the
/// way a vårdcentral runs: acute-reserved morning times, web-bookable visits, phone lists, video and chat.
/// </summary>
internal static class ScheduleGenerator
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public sealed record Schedules(List<ScheduleTemplate> Templates, List<BookingReason> Reasons, List<Slot> Slots);

    public static Schedules Generate(GeneratedOrganisation org, DateOnly today)
    {
        var templates = new List<ScheduleTemplate>();
        var reasons = new List<BookingReason>();
        var created = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var vardcentraler = org.Units.Where(u => u.Kind == "vardcentral").Select(u => u.Unit.Id).ToHashSet();
        foreach (var member in org.Staff.Where(s => s.Role is StaffRole.Vardpersonal && s.Assignments.Count > 0))
        {
            var unit = member.Assignments[0].UnitId;
            if (!vardcentraler.Contains(unit))
            {
                continue;
            }
            void Add(DayOfWeek day, string start, string end, int minutes, SlotType type, bool web, bool acute = false) =>
                templates.Add(new ScheduleTemplate
                {
                    UnitId = unit,
                    StaffId = member.Id,
                    Profession = member.Profession,
                    Type = type,
                    Weekday = day,
                    Start = TimeOnly.ParseExact(start, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    End = TimeOnly.ParseExact(end, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    SlotMinutes = minutes,
                    ValidFrom = today,
                    WebBookable = web,
                    AcuteReserved = acute,
                    CreatedAt = created,
                    CreatedBy = Guid.Empty,
                });
            foreach (var day in Weekdays)
            {
                var even = day is DayOfWeek.Tuesday or DayOfWeek.Thursday;
                switch (member.Profession)
                {
                    case Profession.Lakare:
                        Add(day, "08:00", "09:00", 30, SlotType.Besok, web: false, acute: true);
                        Add(day, "09:00", "12:00", 30, SlotType.Besok, web: true);
                        Add(day, "13:00", "15:00", 20, even ? SlotType.Video : SlotType.Telefon, web: even);
                        break;
                    case Profession.Sjukskoterska:
                        Add(day, "08:00", "12:00", 20, SlotType.Besok, web: true);
                        Add(day, "13:00", "15:00", 20, even ? SlotType.Chatt : SlotType.Telefon, web: even);
                        break;
                    case Profession.Fysioterapeut or Profession.Psykolog or Profession.Arbetsterapeut or Profession.Dietist or Profession.Kurator:
                        Add(day, "09:00", "12:00", 45, SlotType.Besok, web: member.Profession is Profession.Fysioterapeut);
                        break;
                }
            }
        }
        foreach (var unit in vardcentraler)
        {
            reasons.Add(new BookingReason { UnitId = unit, Name = "Läkarbesök", Type = SlotType.Besok, Profession = Profession.Lakare });
            reasons.Add(new BookingReason { UnitId = unit, Name = "Sjuksköterskebesök", Type = SlotType.Besok, Profession = Profession.Sjukskoterska });
            reasons.Add(new BookingReason { UnitId = unit, Name = "Videobesök hos läkare", Type = SlotType.Video, Profession = Profession.Lakare });
            reasons.Add(new BookingReason { UnitId = unit, Name = "Fysioterapi", Type = SlotType.Besok, Profession = Profession.Fysioterapeut });
        }
        var slots = new List<Slot>();
        foreach (var group in templates.GroupBy(t => t.UnitId))
        {
            var rules = UnitBookingRules.Default(group.Key);
            slots.AddRange(SlotPlanner.Plan(group, [], rules, today, today.AddDays(rules.HorizonDays)));
        }
        return new Schedules(templates, reasons, slots);
    }
}
