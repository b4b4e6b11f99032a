using Nara.Platform.Identifiers;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Domain;

/// <summary>Turns weekly patterns into concrete times: pure, so that the rules can be tested without a database.</summary>
public static class SlotPlanner
{
    /// <summary>
    /// The times the templates give on the dates [from, to], skipping dates an exception covers and wall-clock times that
    /// do not exist (the spring-forward hour). A slot is web-bookable only if its template is and the unit allows its
    /// type from the web.
    /// </summary>
    public static IEnumerable<Slot> Plan(IEnumerable<ScheduleTemplate> templates, IReadOnlyList<ScheduleAbsence> absences,
        UnitBookingRules rules, DateOnly from, DateOnly to)
    {
        foreach (var template in templates)
        {
            for (var date = from; date <= to; date = date.AddDays(1))
            {
                if (!template.AppliesOn(date) || IsAbsent(absences, template.StaffId, date))
                {
                    continue;
                }
                for (var start = template.Start; start.AddMinutes(template.SlotMinutes) <= template.End && start >= template.Start;
                     start = start.AddMinutes(template.SlotMinutes))
                {
                    if (Stockholm.ToUtc(date, start) is not { } utcStart)
                    {
                        continue;
                    }
                    // A time lasts its minutes even across a clock change.
                    var utcEnd = utcStart.AddMinutes(template.SlotMinutes);
                    yield return new Slot
                    {
                        UnitId = template.UnitId,
                        StaffId = template.StaffId,
                        Profession = template.Profession,
                        Type = template.Type,
                        Start = utcStart,
                        End = utcEnd,
                        AcuteReserved = template.AcuteReserved,
                        WebBookable = template.WebBookable && !template.AcuteReserved && rules.AllowsFromWeb(template.Type),
                        TemplateId = template.Id,
                    };
                }
            }
        }
    }

    public static bool IsAbsent(IReadOnlyList<ScheduleAbsence> absences, StaffId staff, DateOnly date) =>
        absences.Any(e => e.Covers(staff, date));
}
