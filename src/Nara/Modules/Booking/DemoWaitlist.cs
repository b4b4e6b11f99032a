using System.Security.Cryptography;
using System.Text;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Time;

namespace Nara.Modules.Booking;

/// <summary>
/// Demo waitlists (ADR 0003): at every vårdcentral a few residents waiting for an earlier time, joined on different days,
/// some raised by staff, some with a last useful day, so the unit's waitlist has an order to show. Deterministic from
/// the seed and the day; no offers (those come when a time is freed in the running demo).
/// The demo personas are left out, so they can join the queue themselves, and at most two wishes per unit are for a
/// visit at the mottagning: a freed visit is offered to three at a time, so a persona who joins is among them (the
/// notification journey shows that).
/// </summary>
internal sealed class DemoWaitlist(IDemoPersonas personas) : IDemoSeeder
{
    // (urgency, days since the wish, type, last useful day from today or null). Urgency above 0 is staff's judgement.
    private static readonly (int Urgency, int DaysAgo, SlotType Type, int? LatestIn)[] Wishes =
    [
        (0, 24, SlotType.Besok, null),
        (2, 2, SlotType.Video, 10),
        (1, 12, SlotType.Telefon, null),
        (0, 5, SlotType.Video, 30),
        (3, 1, SlotType.Besok, 7),
        (1, 18, SlotType.Chatt, null),
        (0, 9, SlotType.Telefon, 21),
    ];

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var today = region.Today;
        var units = await region.UnitsAsync(ct);
        var excluded = (await personas.GetAsync(ct)).Select(p => p.Id).ToHashSet();
        var entries = new List<WaitlistEntry>();
        foreach (var unit in units.Where(u => u.Type == UnitType.Vardcentral).Select(u => u.Unit))
        {
            var residents = (await region.ListedAtAsync(unit, 200, ct)).Where(r => !excluded.Contains(r.Value)).ToList();
            // From the end of the list: others' demo rows take residents from the start.
            for (var k = 0; k < Wishes.Length && k < residents.Count; k++)
            {
                var (urgency, daysAgo, type, latestIn) = Wishes[k];
                var resident = residents[residents.Count - 1 - k];
                entries.Add(new WaitlistEntry
                {
                    Id = new WaitlistEntryId(Id(region.Seed, $"{unit}-{resident}-{type}")),
                    ResidentId = resident,
                    UnitId = unit,
                    Type = type,
                    Urgency = urgency,
                    LatestDate = latestIn is { } days ? today.AddDays(days) : null,
                    CreatedAt = At(today.AddDays(-daysAgo), 8 + k),
                    CreatedBy = urgency == 0 ? resident.Value : Guid.Empty,
                });
            }
        }
        await region.WriteAsync(entries, ct);
    }

    private static DateTimeOffset At(DateOnly date, int hour)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, Stockholm.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"booking-waitlist-demo-{seed}-{key}")).AsSpan(0, 16));
}
