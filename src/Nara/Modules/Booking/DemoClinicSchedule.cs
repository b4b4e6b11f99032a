using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Booking;

/// <summary>
/// Demo schedule at the specialist clinic (ADR 0003): the generated region schedules only the vårdcentraler, so the
/// specialist persona gets weekday visit times at their clinic (the slot generation service opens them after start),
/// and the clinic can book the first visit of an accepted referral, which stops its 90-day clock.
/// </summary>
internal sealed class DemoClinicSchedule(IDemoPersonas personas) : IDemoSeeder
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var specialist = (await personas.GetAsync(ct)).FirstOrDefault(p => p.Description.StartsWith(DemoPersonaTexts.SpecialistPrefix, StringComparison.Ordinal));
        if (specialist?.UnitId is not { } unit)
        {
            return;
        }
        var created = new DateTimeOffset(region.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var templates = Weekdays.Select(day => new ScheduleTemplate
        {
            UnitId = new UnitId(unit), StaffId = new StaffId(specialist.Id), Profession = Profession.Lakare, Type = SlotType.Besok, Weekday = day,
            Start = new TimeOnly(9, 0), End = new TimeOnly(12, 0), SlotMinutes = 45, ValidFrom = region.Today, WebBookable = false, AcuteReserved = false,
            CreatedAt = created, CreatedBy = Guid.Empty,
        }).ToList();
        await region.WriteAsync(templates, ct);
        // The first weeks' times as the region's own are written; the slot generation service opens the rest.
        await region.WriteAsync(SlotPlanner.Plan(templates, [], UnitBookingRules.Default(new UnitId(unit)), region.Today, region.Today.AddDays(14)).ToList(), ct);
    }
}
