using System.Globalization;
using Nara.Modules.Triage.Contracts;

namespace Nara.Modules.Triage.Domain;

/// <summary>The answer the engine decided on, with the answers that decided it.</summary>
public sealed record TriageOutcome(
    Complaint Complaint,
    Rule Rule,
    IReadOnlyList<(Question Question, string Answer)> Deciding,
    ContentSource Source)
{
    public Urgency Urgency => Rule.Urgency;
    public TriageCareLevel CareLevel => Rule.CareLevel;
    public TriageChannel Channel => Rule.Channel;
    public bool IsEmergency => Rule.Urgency >= Urgency.AkutNu;
}

/// <summary>Either the next question, or the outcome. Progress is answered / (answered + still to ask, at most).</summary>
public sealed record TriageStep(Question? Next, TriageOutcome? Outcome, int Answered, int Remaining);

/// <summary>
/// Evaluates a complaint's rules against the answers so far. Pure: no clock, no storage.
/// Rules are ordered most urgent first (the loader checks it). A rule is excluded when one of its conditions is false,
/// fires when all hold, and is pending while a condition depends on a question not yet answered. The first rule that is
/// not excluded decides once it fires; until then the engine asks the first question, in asking order (red flags,
/// then shared questions such as pregnancy, then the rest, then the summary questions), that a pending rule before it
/// depends on. A question no open rule depends on is never asked, so the engine asks only what can change the answer.
/// "Vet inte" on a red flag counts as "ja".
/// </summary>
public sealed class TriageEngine(KnowledgeBase knowledge)
{
    public const string Yes = "ja";
    public const string No = "nej";
    public const string DontKnow = "vet_inte";

    public KnowledgeBase Knowledge { get; } = knowledge;

    /// <summary>Every question the complaint can ask, in asking order, including the shared questions its rules use.</summary>
    public IReadOnlyList<Question> AskingOrder(Complaint complaint)
    {
        var own = complaint.Questions;
        var shared = complaint.Rules.SelectMany(r => r.When).Concat(own.SelectMany(q => q.AskWhen))
            .Select(c => c.Operand).Distinct(StringComparer.Ordinal)
            .Where(id => own.All(q => q.Id != id))
            .Select(id => Knowledge.SharedQuestions.GetValueOrDefault(id))
            .OfType<Question>();
        return own.Where(q => q.RedFlag)
            .Concat(shared)
            .Concat(own.Where(q => !q.RedFlag && !q.Summary))
            .Concat(own.Where(q => !q.RedFlag && q.Summary))
            .ToList();
    }

    public Question? FindQuestion(Complaint complaint, string id) =>
        complaint.Questions.FirstOrDefault(q => q.Id == id) ?? Knowledge.SharedQuestions.GetValueOrDefault(id);

    public TriageStep Next(Complaint complaint, TriageSubject subject, IReadOnlyDictionary<string, string> answers)
    {
        var order = AskingOrder(complaint);
        var byId = order.ToDictionary(q => q.Id, StringComparer.Ordinal);
        Rule? decided = null;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in complaint.Rules)
        {
            var truth = Evaluate(rule.When, subject, answers, byId, open);
            if (truth == Truth.True && open.Count == 0)
            {
                decided = rule;
                break;
            }
            if (truth == Truth.True)
            {
                // Fires, but a more urgent rule above it is still open: its questions come first.
                break;
            }
        }
        var answered = order.Count(q => answers.ContainsKey(q.Id) && Applies(q, subject, answers, byId));
        if (decided is not null)
        {
            var summary = decided.Urgency >= Urgency.AkutNu
                ? []
                : order.Where(q => q.Summary && !answers.ContainsKey(q.Id) && Applies(q, subject, answers, byId)).ToList();
            if (summary.Count > 0)
            {
                return new TriageStep(summary[0], null, answered, summary.Count);
            }
            var deciding = decided.When.Where(c => !c.IsOnSubject && answers.ContainsKey(c.Operand))
                .Select(c => (byId[c.Operand], answers[c.Operand])).Distinct().ToList();
            var source = complaint.Source(decided.SourceId) ?? throw new InvalidOperationException($"{complaint.Id}: source {decided.SourceId} missing");
            return new TriageStep(null, new TriageOutcome(complaint, decided, deciding, source), answered, 0);
        }
        var next = order.FirstOrDefault(q => open.Contains(q.Id))
            ?? throw new InvalidOperationException($"{complaint.Id}: no rule decides and no question is open");
        var remaining = order.Count(q => (open.Contains(q.Id) || q.Summary) && !answers.ContainsKey(q.Id) && Applies(q, subject, answers, byId));
        return new TriageStep(next, null, answered, Math.Max(1, remaining));
    }

    // AND over the conditions. Collects the questions a pending rule waits for into `open`.
    private static Truth Evaluate(IReadOnlyList<Condition> conditions, TriageSubject subject, IReadOnlyDictionary<string, string> answers,
        Dictionary<string, Question> questions, HashSet<string> open)
    {
        var waiting = new List<string>();
        foreach (var condition in conditions)
        {
            var truth = Evaluate(condition, subject, answers, questions);
            if (truth == Truth.False)
            {
                return Truth.False;
            }
            if (truth == Truth.Unknown)
            {
                waiting.Add(condition.Operand);
            }
        }
        if (waiting.Count == 0)
        {
            return Truth.True;
        }
        open.UnionWith(waiting);
        return Truth.Unknown;
    }

    private static Truth Evaluate(Condition condition, TriageSubject subject, IReadOnlyDictionary<string, string> answers, Dictionary<string, Question> questions)
    {
        if (subject.Fact(condition.Operand) is { } fact)
        {
            return condition.Holds(fact) ? Truth.True : Truth.False;
        }
        if (!questions.TryGetValue(condition.Operand, out var question) || !Applies(question, subject, answers, questions))
        {
            // A question that is not asked of this person (a pregnancy question for a man) makes its conditions false.
            return Truth.False;
        }
        if (!answers.TryGetValue(condition.Operand, out var answer))
        {
            return Truth.Unknown;
        }
        if (question.RedFlag && answer == DontKnow)
        {
            answer = Yes;
        }
        return condition.Holds(answer) ? Truth.True : Truth.False;
    }

    /// <summary>Whether a question is asked of this subject, given the answers so far (its ask_when uses only facts and earlier questions).</summary>
    private static bool Applies(Question question, TriageSubject subject, IReadOnlyDictionary<string, string> answers, Dictionary<string, Question> questions) =>
        question.AskWhen.All(c => subject.Fact(c.Operand) is { } fact
            ? c.Holds(fact)
            : answers.TryGetValue(c.Operand, out var a) && c.Holds(a));

    /// <summary>Checks an answer and returns it in stored form, or a Swedish problem naming what is wrong.</summary>
    public static string? Normalise(Question question, string? raw, out string? problem)
    {
        problem = null;
        var value = raw?.Trim() ?? "";
        switch (question.Type)
        {
            case QuestionType.YesNo:
                var v = value.ToLowerInvariant();
                if (v is Yes or No or DontKnow)
                {
                    return v;
                }
                problem = "Svara ja, nej eller vet inte (ja, nej, vet_inte).";
                return null;
            case QuestionType.Choice:
                if (question.Option(value) is not null)
                {
                    return value;
                }
                problem = $"Välj ett av svarsalternativen ({string.Join(", ", question.Options.Select(o => o.Id))}).";
                return null;
            default:
                if (!decimal.TryParse(value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    problem = "Svaret ska vara ett tal.";
                    return null;
                }
                if (number < question.Min || number > question.Max)
                {
                    var unit = question.Unit is { } u ? " " + u.Sv : "";
                    problem = string.Create(CultureInfo.GetCultureInfo("sv-SE"), $"Svaret ska vara mellan {question.Min}{unit} och {question.Max}{unit}.");
                    return null;
                }
                return number.ToString(CultureInfo.InvariantCulture);
        }
    }
}
