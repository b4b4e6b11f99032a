using System.Security.Cryptography;
using System.Text;
using Nara.Modules.Monitoring.Contracts;
using Nara.Modules.Monitoring.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;

namespace Nara.Modules.Monitoring;

/// <summary>
/// Demo home measurements (ADR 0003), deterministic from the seed: at every vårdcentral a few people with each condition
/// that is followed at home get three years of values with believable trends and the limits their team set: hypertension
/// (I10) a blood pressure every morning, falling from about 152/94 towards 136/84 as treatment works; diabetes (E10, E11)
/// a blood glucose every other day, from about 8.6 towards 7.0 mmol/L; heart failure (I50) a weight every morning with a
/// few episodes of fluid gain; COPD (J44) peak flow and oxygen saturation every week. The resident persona is left out, so
/// the browser journeys start from a clean page.
/// </summary>
internal sealed class DemoMeasurements(IDemoPersonas personas) : IDemoSeeder
{
    public const int PerCondition = 3;

    private const int Days = 1095;

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var persona = (await personas.GetAsync(ct)).FirstOrDefault(p => p.Kind == "resident")?.Id;
        var start = region.Today.AddDays(-Days);
        var measurements = new List<Measurement>();
        var limits = new List<MeasureLimit>();
        var setAt = Stockholm.ToUtc(start, new TimeOnly(9, 0))!.Value;
        foreach (var (unit, type) in await region.UnitsAsync(ct))
        {
            if (type != UnitType.Vardcentral)
            {
                continue;
            }
            var people = (await region.PeopleAtAsync(unit, ct)).Where(p => p.Id.Value != persona).ToList();
            for (var i = 0; i < Followed.Length; i++)
            {
                var (codes, follow) = Followed[i];
                foreach (var person in people.Where(p => p.Icd10.Any(c => codes.Any(code => c.StartsWith(code, StringComparison.Ordinal)))).Take(PerCondition))
                {
                    var random = new Random(region.Seed ^ BitConverter.ToInt32(person.Id.Value.ToByteArray(), 0) ^ (i * 7919));
                    follow(new Context(region.Seed, person.Id, unit, start, setAt, random, measurements, limits));
                }
            }
        }
        // A person with two of the conditions keeps the first set of limits of a measure.
        await region.WriteAsync(limits.DistinctBy(l => (l.ResidentId, l.Measure, l.Component)).ToList(), ct);
        await region.WriteAsync(measurements.DistinctBy(m => m.Id).ToList(), ct);
    }

    private sealed record Context(int Seed, ResidentId Resident, UnitId Unit, DateOnly Start, DateTimeOffset SetAt, Random Random, List<Measurement> Rows, List<MeasureLimit> Limits)
    {
        public double Noise(double spread) => (Random.NextDouble() + Random.NextDouble() + Random.NextDouble() - 1.5) * spread;

        public void Add(string measure, int day, TimeOnly time, double value, double? value2 = null)
        {
            var at = Stockholm.ToUtc(Start.AddDays(day), time)!.Value;
            Rows.Add(new Measurement
            {
                Id = new MeasurementId(Id(Seed, $"m-{Resident}-{measure}-{day}")), ResidentId = Resident, Measure = measure, Value = value, Value2 = value2,
                MeasuredAt = at, EnteredAt = at.AddMinutes(2), Source = MeasurementSource.Manuell, EnteredBy = "Syntetisk invånare",
            });
        }

        public void Limit(string measure, string component, double? targetLow, double? targetHigh, double? alarmLow, double? alarmHigh) => Limits.Add(new MeasureLimit
        {
            Id = new MeasureLimitId(Id(Seed, $"l-{Resident}-{measure}-{component}")), ResidentId = Resident, Measure = measure, Component = component, UnitId = Unit,
            TargetLow = targetLow, TargetHigh = targetHigh, AlarmLow = alarmLow, AlarmHigh = alarmHigh, SetAt = SetAt, SetBy = "Syntetisk sjuksköterska",
        });
    }

    private static readonly (string[] Codes, Action<Context> Follow)[] Followed =
    [
        (["I10"], c =>
        {
            c.Limit("blood-pressure", "systolic", 100, 140, 90, 180);
            c.Limit("blood-pressure", "diastolic", 60, 90, 50, 110);
            for (var d = 0; d < Days; d++)
            {
                var trend = 1 - Math.Min(1, d / 540.0);
                var sys = Math.Round(136 + 16 * trend + c.Noise(14));
                c.Add("blood-pressure", d, new TimeOnly(7, 30), sys, Math.Round(Math.Min(sys - 25, 84 + 10 * trend + c.Noise(9))));
            }
        }),
        (["E10", "E11"], c =>
        {
            c.Limit("glucose", "value", 4, 10, 3, 15);
            for (var d = 0; d < Days; d += 2)
            {
                c.Add("glucose", d, new TimeOnly(7, 0), Math.Round(Math.Max(3.2, 7.0 + 1.6 * (1 - Math.Min(1, d / 720.0)) + c.Noise(2.2)), 1));
            }
        }),
        (["I50"], c =>
        {
            var dry = Math.Round(72 + c.Random.Next(0, 25) + c.Random.NextDouble(), 1);
            c.Limit("weight", "value", dry - 3, dry + 2, null, dry + 3);
            var episodes = Enumerable.Range(0, 4).Select(_ => c.Random.Next(30, Days - 30)).ToHashSet();
            for (var d = 0; d < Days; d++)
            {
                // A fluid gain over a few days, treated within a week.
                var gain = episodes.Select(e => d - e).Where(x => x is >= 0 and < 8).Select(x => x < 4 ? 0.8 * x : 3.2 - 0.8 * (x - 4)).DefaultIfEmpty(0).Max();
                c.Add("weight", d, new TimeOnly(7, 15), Math.Round(dry + gain + c.Noise(0.8), 1));
            }
        }),
        (["J44"], c =>
        {
            var best = 260 + c.Random.Next(0, 80);
            c.Limit("peak-flow", "value", best * 0.8, null, best * 0.6, null);
            c.Limit("oxygen-saturation", "value", 92, null, 88, null);
            for (var d = 0; d < Days; d += 7)
            {
                // Worse in the winter months.
                var winter = Math.Cos((c.Start.AddDays(d).DayOfYear - 15) / 365.0 * 2 * Math.PI);
                c.Add("peak-flow", d, new TimeOnly(8, 0), Math.Round(best * (0.9 - 0.08 * winter) + c.Noise(30)));
                c.Add("oxygen-saturation", d, new TimeOnly(8, 5), Math.Round(Math.Min(99, 94 - 1.2 * winter + c.Noise(2))));
            }
        }),
    ];

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"monitoring-demo-{seed}-{key}")).AsSpan(0, 16));
}
