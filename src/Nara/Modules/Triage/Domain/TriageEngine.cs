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
/// Evaluates a complaint's rules and combinations against the answers so far. Pure: no clock, no storage.
/// Rules are ordered most urgent first (the loader checks it); each level of the complaint's combinations (a sign total
/// that raises the urgency) stands after the rules of its urgency. Together they are the deciders. A decider is
/// excluded when it can no longer hold, fires when it holds, and is pending while it depends on a question not yet
/// answered. The first decider that is not excluded decides once it fires; until then the engine asks the first
/// question, in asking order (red flags, then shared questions such as pregnancy, then the rest, then the questions
/// only signs and modifiers use, then the summary questions), that a pending decider before it depends on. A question
/// no open decider depends on is never asked, so the engine asks only what can change the answer.
/// "Vet inte" on a red flag counts as "ja"; on a number or a duration every condition holds (the more urgent side); on
/// a sign it holds.
/// </summary>
public sealed class TriageEngine
{
    public const string Yes = "ja";
    public const string No = "nej";
    public const string DontKnow = "vet_inte";

    private readonly Dictionary<string, IReadOnlyList<Question>> _order = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Decider>> _deciders = new(StringComparer.Ordinal);

    public TriageEngine(KnowledgeBase knowledge)
    {
        Knowledge = knowledge;
        foreach (var complaint in knowledge.Complaints)
        {
            _order[complaint.Id] = BuildAskingOrder(complaint);
            _deciders[complaint.Id] = BuildDeciders(complaint);
        }
    }

    public KnowledgeBase Knowledge { get; }

    /// <summary>A rule, or a level of the combinations.</summary>
    private sealed record Decider(Rule? Rule, SignLevel? Level)
    {
        public Urgency Urgency => Rule?.Urgency ?? Level!.Urgency;
    }

    private static List<Decider> BuildDeciders(Complaint complaint)
    {
        var deciders = complaint.Rules.Select(r => new Decider(r, null)).ToList();
        foreach (var level in complaint.Combination?.Levels ?? [])
        {
            // After the rules of the same urgency, so a rule's own reason is preferred; before any less urgent rule.
            var at = deciders.FindIndex(d => d.Urgency < level.Urgency);
            deciders.Insert(at < 0 ? deciders.Count : at, new Decider(null, level));
        }
        return deciders;
    }

    /// <summary>Every question the complaint can ask, in asking order, including the shared questions its rules and signs use.</summary>
    public IReadOnlyList<Question> AskingOrder(Complaint complaint) =>
        _order.TryGetValue(complaint.Id, out var order) && ReferenceEquals(Knowledge.Find(complaint.Id), complaint) ? order : BuildAskingOrder(complaint);

    private List<Question> BuildAskingOrder(Complaint complaint)
    {
        var own = complaint.Questions;
        var byRules = SharedUsed(complaint, complaint.Rules.SelectMany(r => r.When).Concat(own.SelectMany(q => q.AskWhen)));
        var combination = complaint.Combination;
        var bySigns = combination is null ? [] : SharedUsed(complaint, combination.Signs.Concat(combination.Modifiers).Select(s => s.When))
            .Where(q => !byRules.Contains(q)).ToList();
        return own.Where(q => q.RedFlag)
            .Concat(byRules)
            .Concat(own.Where(q => !q.RedFlag && !q.Summary))
            .Concat(bySigns)
            .Concat(own.Where(q => !q.RedFlag && q.Summary))
            .ToList();
    }

    private List<Question> SharedUsed(Complaint complaint, IEnumerable<Condition> conditions) =>
        conditions.Select(c => c.Operand).Distinct(StringComparer.Ordinal)
            .Where(id => complaint.Questions.All(q => q.Id != id))
            .Select(id => Knowledge.SharedQuestions.GetValueOrDefault(id))
            .OfType<Question>()
            .ToList();

    public Question? FindQuestion(Complaint complaint, string id) =>
        complaint.Questions.FirstOrDefault(q => q.Id == id) ?? Knowledge.SharedQuestions.GetValueOrDefault(id);

    public TriageStep Next(Complaint complaint, TriageSubject subject, IReadOnlyDictionary<string, string> answers)
    {
        var order = AskingOrder(complaint);
        var byId = order.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var deciders = _deciders.TryGetValue(complaint.Id, out var d) && ReferenceEquals(Knowledge.Find(complaint.Id), complaint) ? d : BuildDeciders(complaint);
        Decider? decided = null;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var decider in deciders)
        {
            var truth = decider.Rule is { } rule
                ? Evaluate(rule.When, subject, answers, byId, open)
                : EvaluateLevel(decider.Level!, complaint.Combination!, subject, answers, byId, open);
            if (truth == Truth.True && open.Count == 0)
            {
                decided = decider;
                break;
            }
            if (truth == Truth.True)
            {
                // Fires, but a more urgent decider above it is still open: its questions come first.
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
            var rule = decided.Rule ?? LevelRule(decided.Level!, complaint.Combination!, subject, answers, byId);
            var deciding = rule.When.Where(c => !c.IsOnSubject && answers.ContainsKey(c.Operand))
                .Select(c => (byId[c.Operand], answers[c.Operand])).Distinct().ToList();
            var source = complaint.Source(rule.SourceId) ?? throw new InvalidOperationException($"{complaint.Id}: source {rule.SourceId} missing");
            return new TriageStep(null, new TriageOutcome(complaint, rule, deciding, source), answered, 0);
        }
        var next = order.FirstOrDefault(q => open.Contains(q.Id))
            ?? throw new InvalidOperationException($"{complaint.Id}: no rule decides and no question is open");
        var remaining = order.Count(q => (open.Contains(q.Id) || q.Summary) && !answers.ContainsKey(q.Id) && Applies(q, subject, answers, byId));
        return new TriageStep(next, null, answered, Math.Max(1, remaining));
    }

    /// <summary>The id a level's outcome is stored under, e.g. <c>tecken-VardIdag</c>.</summary>
    public static string LevelRuleId(SignLevel level) => "tecken-" + level.Urgency;

    // A level holds when the signs that hold, plus the modifiers that hold once a sign does, reach its total; it is
    // excluded when even every unanswered sign and modifier could not reach it. While no sign holds, only the signs are
    // open: a modifier question (for example a weakened immune system) is asked only when it can add to a sign.
    private static Truth EvaluateLevel(SignLevel level, Combination combination, TriageSubject subject, IReadOnlyDictionary<string, string> answers,
        Dictionary<string, Question> questions, HashSet<string> open)
    {
        var (known, possible, waitingSigns) = Tally(combination.Signs, subject, answers, questions);
        var (knownMods, possibleMods, waitingMods) = Tally(combination.Modifiers, subject, answers, questions);
        var total = known + (known > 0 ? knownMods : 0);
        if (total >= level.At)
        {
            return Truth.True;
        }
        var best = possible + (possible > 0 ? possibleMods : 0);
        if (best < level.At)
        {
            return Truth.False;
        }
        open.UnionWith(waitingSigns);
        if (known > 0 || waitingSigns.Count == 0)
        {
            open.UnionWith(waitingMods);
        }
        return Truth.Unknown;
    }

    private static (int Known, int Possible, List<string> Waiting) Tally(IReadOnlyList<Sign> signs, TriageSubject subject,
        IReadOnlyDictionary<string, string> answers, Dictionary<string, Question> questions)
    {
        int known = 0, possible = 0;
        var waiting = new List<string>();
        foreach (var sign in signs)
        {
            switch (EvaluateSign(sign.When, subject, answers, questions))
            {
                case Truth.True:
                    var weight = Weight(sign, answers, questions);
                    known += weight;
                    possible += weight;
                    break;
                case Truth.Unknown:
                    possible += sign.Weight;
                    waiting.Add(sign.When.Operand);
                    break;
            }
        }
        return (known, possible, waiting);
    }

    // "Vet inte" on a yes/no sign counts half its weight (at least 1): more than "nej", less than "ja", so a relative
    // who cannot tell several moderate signs does not escalate as if all were present. On a number or a duration it is
    // the full weight (the more urgent side).
    private static int Weight(Sign sign, IReadOnlyDictionary<string, string> answers, Dictionary<string, Question> questions) =>
        !sign.When.IsOnSubject && answers.TryGetValue(sign.When.Operand, out var a) && a == DontKnow
            && questions.TryGetValue(sign.When.Operand, out var q) && q.Type is QuestionType.YesNo or QuestionType.Choice
            ? Math.Max(1, sign.Weight / 2)
            : sign.Weight;

    // A sign holds on "vet inte", whatever the question's type.
    private static Truth EvaluateSign(Condition condition, TriageSubject subject, IReadOnlyDictionary<string, string> answers, Dictionary<string, Question> questions) =>
        !condition.IsOnSubject && questions.TryGetValue(condition.Operand, out var q) && Applies(q, subject, answers, questions)
            && answers.TryGetValue(condition.Operand, out var a) && a == DontKnow
            ? Truth.True
            : Evaluate(condition, subject, answers, questions);

    // The outcome of a level as a rule: its conditions are the signs and modifiers that held, its reason names them.
    private Rule LevelRule(SignLevel level, Combination combination, TriageSubject subject, IReadOnlyDictionary<string, string> answers,
        Dictionary<string, Question> questions)
    {
        var held = combination.Signs.Where(s => EvaluateSign(s.When, subject, answers, questions) == Truth.True).ToList();
        held.AddRange(combination.Modifiers.Where(s => EvaluateSign(s.When, subject, answers, questions) == Truth.True));
        var reasons = Knowledge.CombinationReasons ?? throw new InvalidOperationException("combination reasons missing");
        string Labels(Func<LocalText, string> pick, string culture) => string.Join(", ", held.Select(s =>
            !s.When.IsOnSubject && answers.TryGetValue(s.When.Operand, out var a) && a == DontKnow
                ? pick(s.Label) + " " + pick(reasons.DontKnow)
                : pick(s.Label)));
        var template = reasons.ByUrgency[level.Urgency];
        var reason = new LocalText(template.Sv.Replace("{signs}", Labels(t => t.Sv, "sv"), StringComparison.Ordinal),
            template.En.Replace("{signs}", Labels(t => t.En, "en"), StringComparison.Ordinal));
        return new Rule(LevelRuleId(level), held.Select(s => s.When).ToList(), level.Urgency, level.CareLevel, level.Channel, reason, level.SourceId);
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
        return Holds(condition, question, answer) ? Truth.True : Truth.False;
    }

    /// <summary>
    /// Whether an answer meets a condition. "Vet inte" is the more urgent side: on a red flag it is "ja", and on a number
    /// or a duration every condition holds, so not knowing never gives a lower urgency than any number would.
    /// </summary>
    public static bool Holds(Condition condition, Question question, string answer)
    {
        if (answer == DontKnow)
        {
            if (question.RedFlag)
            {
                answer = Yes;
            }
            else if (question.Type is QuestionType.Number or QuestionType.Duration)
            {
                return true;
            }
        }
        return condition.Holds(answer);
    }

    /// <summary>Whether a question is asked of this subject, given the answers so far (its ask_when uses only facts and earlier questions).</summary>
    private static bool Applies(Question question, TriageSubject subject, IReadOnlyDictionary<string, string> answers, Dictionary<string, Question> questions) =>
        question.AskWhen.All(c => subject.Fact(c.Operand) is { } fact
            ? c.Holds(fact)
            : answers.TryGetValue(c.Operand, out var a) && questions.TryGetValue(c.Operand, out var earlier) && Holds(c, earlier, a));

    private static bool IsDontKnow(string value) =>
        value.Replace('_', ' ').Trim().ToLowerInvariant() is "vet inte" or "vetinte" or "don't know" or "dont know";

    private static string? Problem(string text, out string? problem)
    {
        problem = text;
        return null;
    }

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
                if (IsDontKnow(v))
                {
                    return DontKnow;
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
                if (IsDontKnow(value))
                {
                    return DontKnow;
                }
                if (question.Type == QuestionType.Duration)
                {
                    return Durations.ToDays(value) is { } days && days >= (question.Min ?? 0) && days <= (question.Max ?? Durations.MaxDays)
                        ? days.ToString(CultureInfo.InvariantCulture)
                        : Problem(Durations.Problem(question), out problem);
                }
                if (!decimal.TryParse(value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    problem = "Svaret ska vara ett tal, eller vet inte.";
                    return null;
                }
                if (number < question.Min || number > question.Max)
                {
                    var unit = question.Unit is { } u ? " " + u.Sv : "";
                    problem = string.Create(CultureInfo.GetCultureInfo("sv-SE"), $"Svaret ska vara mellan {question.Min}{unit} och {question.Max}{unit}, eller vet inte.");
                    return null;
                }
                return number.ToString(CultureInfo.InvariantCulture);
        }
    }
}
