using System.Security.Cryptography;
using System.Text;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.CareGuarantee.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee;

/// <summary>
/// Demo clocks (ADR 0003) relative to the day the region is generated: at every vårdcentral contacts registered today
/// and in the last days (at risk on day 0, day 2 and day 3, breached), and six months of history for compliance with
/// some late and some excepted; at every specialist unit referrals near and past day 90. Deterministic from the seed.
/// </summary>
internal sealed class DemoClocks : IDemoSeeder
{
    // (start day relative to today, day the 3-day assessment took place or null for still open).
    private static readonly (int Start, int? Assessed)[] Recent = [(0, null), (-1, null), (-2, null), (-2, null), (-3, null), (-5, null), (-8, -2), (-4, -3)];

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var today = region.Today;
        var units = await region.UnitsAsync(ct);
        var primary = units.Where(u => u.Type == UnitType.Vardcentral).Select(u => u.Unit).ToList();
        var specialist = units.Where(u => u.Type is UnitType.Sjukhusklinik or UnitType.Vuxenpsykiatri).Select(u => u.Unit).ToList();
        if (primary.Count == 0)
        {
            return;
        }
        var clocks = new List<GuaranteeClock>();
        for (var i = 0; i < primary.Count; i++)
        {
            var residents = await region.ListedAtAsync(primary[i], 60, ct);
            var n = 0;
            foreach (var (start, assessed) in Recent)
            {
                if (n >= residents.Count)
                {
                    break;
                }
                clocks.AddRange(Contact(region.Seed, primary[i], residents[n++], today.AddDays(start), assessed is { } a ? today.AddDays(a) : null, null));
            }
            for (var k = 0; k < 36 && n < residents.Count; k++, n++)
            {
                // Spread over six months; most assessed within 0–3 days, every seventh late, every eleventh excepted.
                var start = today.AddDays(-10 - (k * 5) - (i % 5));
                var lag = k % 7 == 3 ? 5 : k % 4;
                var exception = k % 11 == 5 ? ClockExemption.ValtAttVanta : (ClockExemption?)null;
                clocks.AddRange(Contact(region.Seed, primary[i], residents[n], start, exception is null ? start.AddDays(lag) : null, exception));
            }
        }
        var referred = await region.ListedAtAsync(primary[0], 40, ct);
        for (var i = 0; i < specialist.Count && referred.Count > 0; i++)
        {
            foreach (var (k, start, visit) in new (int, int, int?)[] { (0, -82, null), (1, -85, null), (2, -95, null), (3, -120, -40), (4, -30, null), (5, -150, -50), (6, -140, -35) })
            {
                var date = today.AddDays(start);
                var clock = RegisterStart.Start(ClockSource.Remiss, Id(region.Seed, $"remiss-{i}-{k}"), referred[(i + k) % referred.Count], specialist[i], date, At(date), "Remiss från vårdcentral", "Syntetisk personal")[0];
                if (visit is { } v)
                {
                    clock.StopOn(today.AddDays(v), At(today.AddDays(v)), "Bokad tid (besök) med läkare", null);
                }
                clocks.Add(clock);
            }
        }
        await region.WriteAsync(clocks, ct);
    }

    private static List<GuaranteeClock> Contact(int seed, UnitId unit, ResidentId resident, DateOnly start, DateOnly? assessed, ClockExemption? exception)
    {
        var clocks = RegisterStart.Start(ClockSource.Kontakt, Id(seed, $"{unit}-{resident}-{start:yyyyMMdd}"), resident, unit, start, At(start), null, "Syntetisk personal");
        var assessment = clocks.Single(c => c.Kind == ClockKind.MedicinskBedomning);
        if (assessed is { } day)
        {
            assessment.StopOn(day, At(day), "Telefonbedömning av sjuksköterska (syntetisk)", null);
        }
        if (exception is { } e)
        {
            assessment.Exemption = e;
            assessment.ExemptionReason = "Invånaren ville vänta till efter semestern (syntetiskt exempel).";
            assessment.ExemptionByName = "Syntetisk personal";
            assessment.ExemptionAt = At(start);
        }
        return clocks;
    }

    private static DateTimeOffset At(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(9, 0));
        return new DateTimeOffset(local, Stockholm.Zone.GetUtcOffset(local));
    }

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"careguarantee-demo-{seed}-{key}")).AsSpan(0, 16));
}
