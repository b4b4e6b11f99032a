using System.Security.Cryptography;
using System.Text;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Messaging.Contracts;
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
/// People on a step a self-help programme suits (digital self-help, guided internet-based CBT) follow one from the day
/// after the decision: a module a week with the homework answered, the conversation with the therapist through
/// Messaging's own rows (<see cref="IDemoConversations"/>), and the latest homework sometimes still waiting for an answer,
/// so the unit's self-help worklist and the programme pages show believable work.
/// </summary>
internal sealed class DemoSteppedCare(IDemoPersonas personas, SteppedCareContent content, ProgrammeCatalog programmes, IDemoConversations conversations) : IDemoSeeder
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
        var enrolments = new List<Enrolment>();
        var work = new List<ModuleWork>();
        var talks = new List<DemoConversation>();
        var now = Stockholm.ToUtc(region.Today, new TimeOnly(10, 0))!.Value;
        foreach (var episode in episodes.Where(e => e.ClosedAt is null && e.StepSince is not null))
        {
            var decision = decisions.Single(d => d.EpisodeId == episode.Id);
            var sleep = episode.Reason.Contains("sömn", StringComparison.Ordinal);
            var programme = programmes.Programmes.Values.Where(p => p.Steps.Contains(episode.Step!)).OrderBy(p => p.Id.Contains("somn", StringComparison.Ordinal) == sleep ? 0 : 1).FirstOrDefault();
            var started = Stockholm.ToUtc(Stockholm.DateOf(episode.StepSince!.Value).AddDays(1), new TimeOnly(10, 0))!.Value;
            if (programme is null || started > now.AddDays(-1))
            {
                continue;
            }
            var enrolment = new Enrolment
            {
                Id = new EnrolmentId(Id(region.Seed, $"{episode.ResidentId}-enrolment")), ResidentId = episode.ResidentId, UnitId = episode.UnitId,
                ProgrammeId = programme.Id, ProgrammeVersion = programme.Version, StartedAt = started, TherapistId = decision.DecidedById,
                TherapistName = "Syntetisk personal", ThreadId = new ThreadId(Id(region.Seed, $"{episode.ResidentId}-thread")),
            };
            enrolments.Add(enrolment);
            var lines = new List<DemoLine> { new(started, decision.DecidedById, MentalHealthRecords.Greeting(programme)) };
            var done = Math.Min(programme.Modules.Count - 1, (int)((now - started).TotalDays / 7));
            var roll = Id(region.Seed, $"{episode.ResidentId}-roll").ToByteArray();
            for (var i = 0; i < done; i++)
            {
                var module = programme.Modules[i];
                var at = started.AddDays(7 * i + 5).AddHours(9);
                var homework = Homework[(i + roll[0]) % Homework.Length];
                work.Add(new ModuleWork { Id = new ModuleWorkId(Id(region.Seed, $"{enrolment.Id}-{module.Id}")), EnrolmentId = enrolment.Id, ResidentId = episode.ResidentId, ModuleId = module.Id, CompletedAt = at, Homework = homework });
                lines.Add(new DemoLine(at, null, MentalHealthRecords.HomeworkMessage(module, homework)));
                // The therapist answers the next day; the latest homework waits for an answer in one case of two.
                var latest = i == done - 1;
                if (!latest || (roll[1] & 1) == 0)
                {
                    lines.Add(new DemoLine(at.AddDays(1), decision.DecidedById, Answers[i % Answers.Length], Read: !latest));
                }
            }
            talks.Add(new DemoConversation(enrolment.ThreadId, episode.ResidentId, episode.UnitId, $"Självhjälp: {programme.Name.Sv}",
                new ThreadOrigin(Enrolment.OriginKind, enrolment.Id.Value), lines));
        }
        await region.WriteAsync(episodes, ct);
        await region.WriteAsync(decisions, ct);
        await region.WriteAsync(enrolments, ct);
        await region.WriteAsync(work, ct);
        await conversations.WriteAsync(region, talks, ct);
    }

    private static readonly string[] Homework =
    [
        "Jag har gjort övningen de flesta dagarna. Det var svårt i början men blev lättare.",
        "Jag skrev ner mina tankar varje kväll. Jag märkte att det är värst på söndagar.",
        "Den här veckan gick sämre, jag hann bara göra övningen två gånger.",
        "Jag har gått upp samma tid varje morgon och känner mig lite piggare.",
        "Jag planerade in en promenad varje dag och gjorde det fem dagar av sju.",
    ];

    private static readonly string[] Answers =
    [
        "Tack för din hemuppgift! Bra att du kom igång. Fortsätt med nästa modul när du är redo.",
        "Fint att du har hållit i övningen. Det du märkte är vanligt och något vi kan arbeta vidare med.",
        "Det är helt i sin ordning att vissa veckor går tyngre. Försök igen den här veckan, ett steg i taget.",
    ];

    private static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"mentalhealth-demo-{seed}-{key}")).AsSpan(0, 16));
}
