using System.Security.Cryptography;
using System.Text;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Time;

namespace Nara.Modules.MentalHealth;

/// <summary>
/// Demo care needs in stepped care (ADR 0003), deterministic from the seed: at every vårdcentral with staff, a few people
/// with depression or anxiety (F32, F33, F41) have a care need opened in the last two months; those opened in the last
/// three days wait for their first assessment, the others were assessed (most within the three days, some late) with a
/// step decided, and a few are closed. The unit's page and the worklist then show believable clocks and steps. The
/// resident persona is left out, so the browser journeys start from a clean page.
/// </summary>
internal sealed class DemoSteppedCare(IDemoPersonas personas, SteppedCareContent content) : IDemoSeeder
{
    public const int PerUnit = 6;

    private static readonly string[] Codes = ["F32", "F33", "F41"];

    private static readonly string[] Reasons =
        ["Nedstämdhet sedan några månader", "Oro och sömnbesvär", "Ångest, söker via 1177", "Uppföljning efter sjukskrivning", "Trött och orkeslös, nedstämd"];

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var persona = (await personas.GetAsync(ct)).FirstOrDefault(p => p.Kind == "resident")?.Id;
        var episodes = new List<CareEpisode>();
        var decisions = new List<StepDecision>();
        foreach (var (unit, type) in await region.UnitsAsync(ct))
        {
            var nurses = type == UnitType.Vardcentral ? (await region.StaffAtAsync(unit, ct)).Where(s => s.Role == StaffRole.Vardpersonal).ToList() : [];
            if (nurses.Count == 0)
            {
                continue;
            }
            var staff = nurses[0].Staff;
            var people = (await region.PeopleAtAsync(unit, ct))
                .Where(p => p.Id.Value != persona && p.Icd10.Any(c => Codes.Any(code => c.StartsWith(code, StringComparison.Ordinal))))
                .Take(PerUnit).ToList();
            foreach (var person in people)
            {
                var random = new Random(region.Seed ^ BitConverter.ToInt32(person.Id.Value.ToByteArray(), 0) ^ 0x5eed);
                var ago = random.Next(0, 60);
                var opened = Stockholm.ToUtc(region.Today.AddDays(-ago), new TimeOnly(9 + random.Next(0, 7), 15))!.Value;
                var episode = new CareEpisode
                {
                    Id = new CareEpisodeId(Id(region.Seed, $"{person.Id}-episode")), ResidentId = person.Id, UnitId = unit, OpenedAt = opened, OpenedBy = "Syntetisk personal",
                    Reason = Reasons[random.Next(Reasons.Length)], FirstAssessmentDue = opened.AddDays(content.FirstAssessmentDays),
                };
                episodes.Add(episode);
                if (ago < content.FirstAssessmentDays)
                {
                    continue;
                }
                // Most within the clock's days, one in six late.
                var assessed = opened.AddHours(random.Next(0, 6) == 0 ? 24 * (content.FirstAssessmentDays + 1) + random.Next(0, 48) : random.Next(2, 24 * content.FirstAssessmentDays));
                var step = content.Steps[random.Next(0, 20) switch { < 7 => 0, < 14 => 1, < 19 => 2, _ => 3 }];
                episode.FirstAssessedAt = assessed;
                episode.FirstAssessedBy = "Syntetisk personal";
                episode.Step = step.Id;
                episode.StepSince = assessed;
                decisions.Add(new StepDecision
                {
                    Id = new StepDecisionId(Id(region.Seed, $"{person.Id}-decision")), EpisodeId = episode.Id, ResidentId = person.Id, DecidedAt = assessed,
                    DecidedById = staff, DecidedByName = "Syntetisk personal", Step = step.Id, Note = "Bedömning vid besök.",
                });
                if (ago > 40 && random.Next(0, 4) == 0)
                {
                    episode.ClosedAt = assessed.AddDays(random.Next(10, 30));
                    episode.ClosedBy = "Syntetisk personal";
                    episode.CloseNote = "Mår bättre, avslutas efter uppföljning.";
                }
            }
        }
        await region.WriteAsync(episodes, ct);
        await region.WriteAsync(decisions, ct);
    }

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"mentalhealth-demo-{seed}-{key}")).AsSpan(0, 16));
}
