using System.Globalization;
using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Triage;

/// <summary>The real knowledge base in content/triage, loaded once for the tests, and a walker over every path.</summary>
internal static class TriageContent
{
    private static readonly Lazy<KnowledgeBase> Loaded = new(() => KnowledgeLoader.Load(Folder));

    public static string Folder => ContentFolder.Find(null, "triage");

    public static KnowledgeBase Knowledge => Loaded.Value;

    public static TriageEngine Engine => new(Knowledge);

    /// <summary>People of both sexes at the ages where the rules change: infants, small children, teenagers, adults, the elderly.</summary>
    public static IEnumerable<TriageSubject> Subjects()
    {
        foreach (var months in new[] { 1, 2, 4, 11, 18, 5 * 12, 10 * 12, 15 * 12, 17 * 12 + 11, 25 * 12, 45 * 12, 55 * 12, 70 * 12, 85 * 12 })
        {
            yield return new TriageSubject(months, TriageSubject.Woman);
            yield return new TriageSubject(months, TriageSubject.Man);
        }
    }

    /// <summary>
    /// Every value worth trying for a question: each answer, and for numbers and durations the bounds, both sides of every
    /// threshold a rule or a sign uses, and "vet inte".
    /// </summary>
    public static IReadOnlyList<string> Values(Complaint complaint, Question question)
    {
        switch (question.Type)
        {
            case QuestionType.YesNo:
                return [TriageEngine.Yes, TriageEngine.No, TriageEngine.DontKnow];
            case QuestionType.Choice:
                return question.Options.Select(o => o.Id).ToList();
            default:
                var values = new SortedSet<decimal> { question.Min!.Value, question.Max!.Value };
                var signs = complaint.Combination is { } combination ? combination.Signs.Concat(combination.Modifiers).Select(s => s.When) : [];
                foreach (var c in complaint.Rules.SelectMany(r => r.When).Concat(signs).Where(c => c.Operand == question.Id && c.Number is not null))
                {
                    foreach (var v in new[] { c.Number!.Value - 0.1m, c.Number.Value, c.Number.Value + 0.1m })
                    {
                        if (v >= question.Min && v <= question.Max)
                        {
                            values.Add(v);
                        }
                    }
                }
                return values.Select(v => v.ToString(CultureInfo.InvariantCulture)).Append(TriageEngine.DontKnow).ToList();
        }
    }

    /// <summary>One finished path: the answers given, in order, and the outcome.</summary>
    public sealed record Path(IReadOnlyDictionary<string, string> Answers, TriageOutcome Outcome);

    /// <summary>Walks every path the engine can take for this person (depth-first), up to <paramref name="max"/> paths.</summary>
    public static IEnumerable<Path> Walk(TriageEngine engine, Complaint complaint, TriageSubject subject, int max = 20000)
    {
        var count = 0;
        var stack = new Stack<Dictionary<string, string>>();
        stack.Push(new Dictionary<string, string>(StringComparer.Ordinal));
        while (stack.Count > 0 && count < max)
        {
            var answers = stack.Pop();
            var step = engine.Next(complaint, subject, answers);
            if (step.Outcome is { } outcome)
            {
                count++;
                yield return new Path(answers, outcome);
                continue;
            }
            var question = step.Next!;
            if (answers.ContainsKey(question.Id))
            {
                throw new InvalidOperationException($"{complaint.Id}: the engine asked '{question.Id}' again");
            }
            foreach (var value in Values(complaint, question))
            {
                stack.Push(new Dictionary<string, string>(answers, StringComparer.Ordinal) { [question.Id] = value });
            }
        }
    }

    /// <summary>Runs the engine to the end from some answers, answering anything else it asks with "nej" or the first option (or the minimum).</summary>
    public static TriageOutcome Finish(TriageEngine engine, Complaint complaint, TriageSubject subject, IReadOnlyDictionary<string, string> answers)
    {
        var given = new Dictionary<string, string>(answers, StringComparer.Ordinal);
        for (var i = 0; i < 500; i++)
        {
            var step = engine.Next(complaint, subject, given);
            if (step.Outcome is { } outcome)
            {
                return outcome;
            }
            var q = step.Next!;
            given[q.Id] = q.Type switch
            {
                QuestionType.YesNo => TriageEngine.No,
                QuestionType.Choice => q.Options[0].Id,
                _ => q.Min!.Value.ToString(CultureInfo.InvariantCulture),
            };
        }
        throw new InvalidOperationException($"{complaint.Id}: no outcome after 500 answers");
    }
}
