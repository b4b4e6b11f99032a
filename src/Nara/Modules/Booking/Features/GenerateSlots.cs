using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Keeps the bookable times in step with the weekly patterns, the absences and each unit's horizon: adds the times a
/// pattern gives that do not exist yet, withdraws free times an absence or an ended pattern covers, and restores
/// withdrawn times that are covered no longer. Booked times are never withdrawn here: they are reported for staff to
/// move. Idempotent (the unique index on person and start backs it), and runs in the caller's transaction when there is one.
/// </summary>
[NoAccessCheck("Opens and withdraws times from schedules; reads only which times are taken.")]
public sealed class GenerateSlots(NaraDbContext db, TimeProvider time) : IFeature
{
    public sealed record Outcome(int Added, int Withdrawn, int Restored, IReadOnlyList<SlotId> BookedInTheWay);

    private const int SaveEvery = 200;

    /// <summary>Brings every unit's times up to date (the daily run).</summary>
    public async Task<Outcome> AllUnitsAsync(CancellationToken ct)
    {
        var units = await db.Set<ScheduleTemplate>().AsNoTracking().Select(t => t.UnitId).Distinct().ToListAsync(ct);
        var total = new Outcome(0, 0, 0, []);
        foreach (var unit in units)
        {
            var o = await UnitAsync(unit, ct);
            // Each unit's times are saved; letting go of them keeps the next unit's change detection to its own rows
            // (otherwise every save walks every slot of every unit done so far).
            db.ChangeTracker.Clear();
            total = new Outcome(total.Added + o.Added, total.Withdrawn + o.Withdrawn, total.Restored + o.Restored, [.. total.BookedInTheWay, .. o.BookedInTheWay]);
        }
        return total;
    }

    /// <summary>Brings one unit's times up to date from today to its horizon.</summary>
    public async Task<Outcome> UnitAsync(UnitId unit, CancellationToken ct)
    {
        var rules = await db.BookingRulesAsync(unit, ct);
        var today = Stockholm.Today(time);
        var last = today.AddDays(rules.HorizonDays);
        var templates = await db.Set<ScheduleTemplate>().AsNoTracking().Where(t => t.UnitId == unit).ToListAsync(ct);
        var staff = templates.Select(t => t.StaffId).Distinct().ToList();
        // Absences of the unit's staff count wherever they were registered: leave is leave at every unit. The table holds
        // few rows that are still current, so they are filtered here.
        var current = await db.Set<ScheduleAbsence>().AsNoTracking().Where(a => a.To >= today).ToListAsync(ct);
        var absences = current.Where(a => a.StaffId is { } s ? staff.Contains(s) : a.UnitId == unit).ToList();
        var planned = SlotPlanner.Plan(templates, absences, rules, today, last).ToList();

        var from = Stockholm.ToUtc(today, TimeOnly.MinValue)!.Value;
        var now = time.GetUtcNow();
        var existing = await db.Set<Slot>().Where(s => s.UnitId == unit && s.TemplateId != null && s.Start >= from).ToListAsync(ct);
        var byKey = existing.ToDictionary(s => (s.StaffId, s.Start));
        var plannedKeys = planned.Select(p => (p.StaffId, p.Start)).ToHashSet();
        var booked = (await db.Set<Appointment>().Where(a => a.UnitId == unit && a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId).ToListAsync(ct)).ToHashSet();

        var added = 0;
        var restored = 0;
        foreach (var slot in planned.Where(p => p.Start > now))
        {
            if (!byKey.TryGetValue((slot.StaffId, slot.Start), out var have))
            {
                db.Add(slot);
                added++;
                // A unit's first run adds weeks of times: saved in short transactions, so the bookings, reads and audit
                // rows that share the database (one writer at a time on SQLite) wait milliseconds, not the whole run.
                // A run that stops half-way is finished by the next one: a time is added only if it is not there.
                if (added % SaveEvery == 0)
                {
                    await db.SaveChangesAsync(ct);
                }
            }
            else if (have.Withdrawn)
            {
                have.Withdrawn = false;
                restored++;
            }
        }
        var withdrawn = 0;
        var inTheWay = new List<SlotId>();
        foreach (var slot in existing.Where(s => !s.Withdrawn && s.Start > now && !plannedKeys.Contains((s.StaffId, s.Start))))
        {
            if (booked.Contains(slot.Id))
            {
                inTheWay.Add(slot.Id);
                continue;
            }
            slot.Withdrawn = true;
            withdrawn++;
        }
        await db.SaveChangesAsync(ct);
        return new Outcome(added, withdrawn, restored, inTheWay);
    }
}
