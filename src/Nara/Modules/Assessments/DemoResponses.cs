using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Time;

namespace Nara.Modules.Assessments;

/// <summary>
/// Demo instrument answers (ADR 0003), deterministic from the seed: at every vårdcentral a few people with depression
/// (F32, F33) answered the PHQ-9, and a few with anxiety (F41) the GAD-7, every two weeks through a treatment of 24 weeks
/// some time in the last three years, most of them improving (from about 16 towards 6), some not. The answers are made to
/// sum to each score with item 9 at 0, and are scored by the instrument, so every score and band is as published. People
/// with hypertension, diabetes, heart failure or COPD answered EQ-5D-5L every three months. The resident persona is left
/// out, so the browser journeys start from a clean page.
/// </summary>
internal sealed class DemoResponses(IDemoPersonas personas, InstrumentCatalog catalog) : IDemoSeeder
{
    public const int PerCondition = 4;

    private static readonly (string[] Codes, string Instrument)[] Followed = [(["F32", "F33"], "phq-9"), (["F41"], "gad-7")];

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var persona = (await personas.GetAsync(ct)).FirstOrDefault(p => p.Kind == "resident")?.Id;
        var rows = new List<InstrumentResponse>();
        foreach (var (unit, type) in await region.UnitsAsync(ct))
        {
            if (type != UnitType.Vardcentral)
            {
                continue;
            }
            var people = (await region.PeopleAtAsync(unit, ct)).Where(p => p.Id.Value != persona).ToList();
            for (var i = 0; i < Followed.Length; i++)
            {
                var (codes, id) = Followed[i];
                var instrument = catalog.Find(id)!;
                foreach (var person in people.Where(p => p.Icd10.Any(c => codes.Any(code => c.StartsWith(code, StringComparison.Ordinal)))).Take(PerCondition))
                {
                    var random = new Random(region.Seed ^ BitConverter.ToInt32(person.Id.Value.ToByteArray(), 0) ^ (i * 7919));
                    var begins = region.Today.AddDays(-random.Next(180, 1095));
                    var first = 13 + random.Next(0, 7);
                    // Three in four get better (towards 4–8); the rest stay about where they began.
                    var last = random.Next(0, 4) > 0 ? 4 + random.Next(0, 5) : first - random.Next(-2, 3);
                    for (var week = 0; week <= 24; week += 2)
                    {
                        var target = first + (last - first) * week / 24.0 + (random.NextDouble() - 0.5) * 3;
                        var answers = Answers(instrument, (int)Math.Round(Math.Clamp(target, 0, instrument.Items.Count * 3 - 3)), random);
                        var result = InstrumentScoring.Score(instrument, answers);
                        var at = Stockholm.ToUtc(begins.AddDays(week * 7), new TimeOnly(18, 30))!.Value;
                        rows.Add(new InstrumentResponse
                        {
                            Id = new InstrumentResponseId(Id(region.Seed, $"{person.Id}-{id}-{week}")), ResidentId = person.Id, UnitId = unit, InstrumentId = id,
                            InstrumentVersion = instrument.Version, AnsweredAt = at, AnsweredByName = "Syntetisk invånare",
                            AnswersJson = JsonSerializer.Serialize(answers, AssessmentRecords.Json), Score = result.Scales[0].Score, Band = result.Scales[0].Band?.Id,
                            ScalesJson = AssessmentRecords.ScalesJson(result),
                        });
                    }
                }
            }
        }
        rows.AddRange(HealthToday(region.Seed, region.Today, await ChronicallyIllAsync(region, persona, ct)));
        await region.WriteAsync(rows.DistinctBy(r => r.Id).ToList(), ct);
    }

    /// <summary>The chronic conditions whose people answer EQ-5D-5L now and then: hypertension, diabetes, heart failure, COPD.</summary>
    private static readonly string[] Chronic = ["I10", "E11", "I50", "J44"];

    private static async Task<List<(Platform.Identifiers.ResidentId Person, Platform.Identifiers.UnitId Unit)>> ChronicallyIllAsync(IDemoRegion region, Guid? persona, CancellationToken ct)
    {
        var people = new List<(Platform.Identifiers.ResidentId, Platform.Identifiers.UnitId)>();
        foreach (var (unit, _) in (await region.UnitsAsync(ct)).Where(u => u.Type == UnitType.Vardcentral))
        {
            people.AddRange((await region.PeopleAtAsync(unit, ct))
                .Where(p => p.Id.Value != persona && p.Icd10.Any(c => Chronic.Any(code => c.StartsWith(code, StringComparison.Ordinal))))
                .Take(PerCondition).Select(p => (p.Id, unit)));
        }
        return people;
    }

    // EQ-5D-5L every three months for up to three years: the VAS wanders around where it began (55–85) and the five
    // levels follow it (worse health, higher levels), scored by the instrument so the VAS and the profile are as EuroQol
    // reports them.
    private IEnumerable<InstrumentResponse> HealthToday(int seed, DateOnly today, IEnumerable<(Platform.Identifiers.ResidentId Person, Platform.Identifiers.UnitId Unit)> people)
    {
        var instrument = catalog.Find("eq-5d-5l")!;
        foreach (var (person, unit) in people)
        {
            var random = new Random(seed ^ BitConverter.ToInt32(person.Value.ToByteArray(), 0) ^ 0x5d5);
            var vas = 55.0 + random.Next(0, 31);
            for (var day = today.AddDays(-random.Next(365, 1095)); day <= today; day = day.AddDays(91))
            {
                vas = Math.Clamp(vas + (random.NextDouble() - 0.5) * 12, 20, 95);
                var answers = Enumerable.Range(1, 5).ToDictionary(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ => Math.Clamp((int)Math.Round((100 - vas) / 20 + random.NextDouble() - 0.3), 1, 5), StringComparer.Ordinal);
                answers["6"] = (int)Math.Round(vas);
                var result = InstrumentScoring.Score(instrument, answers);
                yield return new InstrumentResponse
                {
                    Id = new InstrumentResponseId(Id(seed, $"{person}-eq-5d-5l-{day}")), ResidentId = person, UnitId = unit, InstrumentId = instrument.Id,
                    InstrumentVersion = instrument.Version, AnsweredAt = Stockholm.ToUtc(day, new TimeOnly(9, 15))!.Value, AnsweredByName = "Syntetisk invånare",
                    AnswersJson = JsonSerializer.Serialize(answers, AssessmentRecords.Json), Score = result.Scales[0].Score, Band = result.Scales[0].Band?.Id,
                    ScalesJson = AssessmentRecords.ScalesJson(result),
                };
            }
        }
    }

    /// <summary>Answers that sum to <paramref name="total"/>, spread over the items at random, the PHQ-9's item 9 (the last) at 0.</summary>
    private static Dictionary<string, int> Answers(Instrument instrument, int total, Random random)
    {
        var items = instrument.Items.Take(instrument.Items.Count - (instrument.Id == "phq-9" ? 1 : 0)).Select(i => i.Id).ToList();
        var points = instrument.Items.ToDictionary(i => i.Id, _ => 0, StringComparer.Ordinal);
        for (var left = total; left > 0;)
        {
            var item = items[random.Next(items.Count)];
            if (points[item] < 3)
            {
                points[item]++;
                left--;
            }
        }
        return points;
    }

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"assessments-demo-{seed}-{key}")).AsSpan(0, 16));
}
