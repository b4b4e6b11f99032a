using System.Security.Cryptography;
using System.Text;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;

namespace Nara.Modules.Messaging;

/// <summary>
/// Demo messages (ADR 0003), deterministic from the seed: about three in a hundred listed residents wrote to their
/// vårdcentral in the last two weeks; care has answered most, the rest wait (a few past the promised time), so the
/// unit's messages and the worklist look like a real vårdcentral's. Illustrative rates, synthetic data only.
/// </summary>
internal sealed class DemoThreads : IDemoSeeder
{
    private const double WroteRecently = 0.03;

    private static readonly (string Topic, string Question, string Answer)[] Conversations =
    [
        ("Förnya recept", "Hej, mitt recept på blodtrycksmedicinen går ut nästa vecka. Kan ni förnya det?", "Hej! Receptet är förnyat och finns på apoteket i morgon."),
        ("Fråga om provsvar", "Jag lämnade blodprov förra veckan. Har svaren kommit?", "Hej! Svaren är bra och visar inget som behöver åtgärdas."),
        ("Yrsel", "Jag har känt mig yr på morgnarna de senaste dagarna. Behöver jag komma in?", "Hej! Mät blodtrycket hemma i en vecka och skicka värdena, så hör vi av oss."),
        ("Sjukintyg", "Jag behöver ett intyg för sjukskrivning efter operationen.", "Hej! Intyget är skickat till Försäkringskassan."),
        ("Sår på benet", "Såret på benet läker inte. Det är rött runt kanterna.", "Hej! Vi vill titta på såret. Boka en tid hos sjuksköterskan i morgon."),
    ];

    public async Task SeedAsync(IDemoRegion region, CancellationToken ct)
    {
        var threads = new List<MessageThread>();
        var messages = new List<ThreadMessage>();
        var now = Stockholm.ToUtc(region.Today, new TimeOnly(10, 0))!.Value;
        foreach (var (unit, _) in (await region.UnitsAsync(ct)).Where(u => u.Type == UnitType.Vardcentral))
        {
            var nurse = (await region.StaffAtAsync(unit, ct)).FirstOrDefault(s => s.Profession == Profession.Sjukskoterska && s.Role == StaffRole.Vardpersonal);
            if (nurse == default)
            {
                continue;
            }
            foreach (var person in await region.PeopleAtAsync(unit, ct))
            {
                var roll = Roll(region.Seed, person.Id, "wrote");
                if (roll >= WroteRecently)
                {
                    continue;
                }
                var part = roll / WroteRecently;
                var (topic, question, answer) = Conversations[(int)(part * Conversations.Length) % Conversations.Length];
                var asked = now.AddHours(-(int)(part * 14 * 24));
                var answered = part < 0.65;
                var id = new ThreadId(Id(region.Seed, $"thread-{person.Id}"));
                var due = WorkingDays.EndOfWorkingDaysAfter(asked, 2);
                threads.Add(new MessageThread
                {
                    Id = id, ResidentId = person.Id, UnitId = unit, Topic = topic, StartedBy = person.Id.Value, StartedByStaff = false, CreatedAt = asked,
                    LastMessageAt = answered ? asked.AddHours(20) : asked, AwaitingSince = answered ? null : asked, AnswerDueAt = answered ? null : due,
                    AssignedTo = answered ? nurse.Staff : null, AssignedName = answered ? "Syntetisk personal" : null,
                });
                messages.Add(new ThreadMessage
                {
                    Id = new ThreadMessageId(Id(region.Seed, $"message-q-{person.Id}")), ThreadId = id, FromStaff = false, AuthorId = person.Id.Value, AuthorName = "Invånaren",
                    Text = question, At = asked, ReadAt = answered ? asked.AddHours(2) : null,
                });
                if (answered)
                {
                    messages.Add(new ThreadMessage
                    {
                        Id = new ThreadMessageId(Id(region.Seed, $"message-a-{person.Id}")), ThreadId = id, FromStaff = true, AuthorId = nurse.Staff.Value, AuthorName = "Syntetisk personal",
                        Text = answer, At = asked.AddHours(20), ReadAt = part < 0.5 ? asked.AddHours(30) : null,
                    });
                }
            }
        }
        await region.WriteAsync(threads, ct);
        await region.WriteAsync(messages, ct);
    }

    private static double Roll(int seed, ResidentId resident, string what) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"messaging-demo-{seed}-{resident.Value}-{what}")).AsSpan(0, 4)) / 4294967296.0;

    internal static Guid Id(int seed, string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"messaging-demo-{seed}-{key}")).AsSpan(0, 16));
}

/// <summary>
/// Other modules' demo conversations as Messaging's rows: the thread waits for care from the person's first message after
/// care's last one, with the demo's answer time of two working days, as <see cref="DemoThreads"/> writes its own.
/// </summary>
internal sealed class DemoConversationWriter : IDemoConversations
{
    public async Task WriteAsync(IDemoRegion region, IReadOnlyList<DemoConversation> conversations, CancellationToken ct)
    {
        var threads = new List<MessageThread>();
        var messages = new List<ThreadMessage>();
        foreach (var c in conversations.Where(c => c.Lines.Count > 0))
        {
            var lines = c.Lines.OrderBy(l => l.At).ToList();
            var lastStaff = lines.FindLastIndex(l => l.Staff is not null);
            var awaiting = lastStaff < lines.Count - 1 ? lines[lastStaff + 1].At : (DateTimeOffset?)null;
            var staff = lines.FirstOrDefault(l => l.Staff is not null)?.Staff;
            threads.Add(new MessageThread
            {
                Id = c.Id, ResidentId = c.Resident, UnitId = c.Unit, Topic = c.Topic, OriginKind = c.Origin.Kind, OriginId = c.Origin.Id,
                StartedBy = lines[0].Staff?.Value ?? c.Resident.Value, StartedByStaff = lines[0].Staff is not null, CreatedAt = lines[0].At,
                LastMessageAt = lines[^1].At, AwaitingSince = awaiting, AnswerDueAt = awaiting is { } since ? WorkingDays.EndOfWorkingDaysAfter(since, 2) : null,
                AssignedTo = staff, AssignedName = staff is null ? null : "Syntetisk personal",
            });
            messages.AddRange(lines.Select((l, i) => new ThreadMessage
            {
                Id = new ThreadMessageId(DemoThreads.Id(region.Seed, $"conversation-{c.Id}-{i}")), ThreadId = c.Id, FromStaff = l.Staff is not null,
                AuthorId = l.Staff?.Value ?? c.Resident.Value, AuthorName = l.Staff is null ? "Invånaren" : "Syntetisk personal",
                Text = l.Text, At = l.At, ReadAt = l.Read ? l.At.AddHours(2) : null,
            }));
        }
        await region.WriteAsync(threads, ct);
        await region.WriteAsync(messages, ct);
    }
}
