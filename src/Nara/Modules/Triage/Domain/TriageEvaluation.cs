using Nara.Modules.Triage.Contracts;

namespace Nara.Modules.Triage.Domain;

/// <summary>What the engine answered for one written case, and the questions the case did not answer (answered by default).</summary>
public sealed record VignetteResult(string Id, string ComplaintId, Urgency Expected, Urgency? Actual, string? Problem, IReadOnlyList<string>? Defaulted = null)
{
    public bool Correct => Actual == Expected;
    public bool UnderTriage => Actual is { } a && a < Expected;
    public bool OverTriage => Actual is { } a && a > Expected;
}

/// <summary>Runs a written case through the engine as a resident would: search (or the named complaint), then answer every question asked.</summary>
public static class TriageEvaluation
{
    /// <summary>How many search hits a resident is shown and may choose among.</summary>
    public const int Shown = 3;

    /// <summary>
    /// Starts from free text when given (emergency words first, then the best matching complaint), else from the named
    /// complaint. Answers come from the case; a yes/no question the case does not answer is answered "nej".
    /// <para>
    /// As a resident (<paramref name="asResident"/>, the independent set): the named complaint must be one of the first
    /// three the search shows (any, when the search shows nothing), and a number or duration the case does not answer is
    /// answered "vet inte".
    /// </para>
    /// </summary>
    public static VignetteResult Run(TriageEngine engine, string id, TriageSubject subject, string? text, string? complaintId,
        IReadOnlyDictionary<string, string> answers, Urgency expected, bool asResident = false, Action<string>? trace = null)
    {
        var knowledge = engine.Knowledge;
        Complaint? complaint;
        if (text is not null)
        {
            if (ComplaintSearch.Emergency(knowledge, text) is { } emergency)
            {
                // What the resident sees too: the emergency page at once, with no questions.
                trace?.Invoke($"search '{text}': matches an emergency ({emergency}): the resident is sent to 112 at once and no questions are asked");
                return new VignetteResult(id, "112", expected, Urgency.Ring112, null);
            }
            var found = ComplaintSearch.Search(knowledge, text, subject, asResident ? Shown : 1);
            trace?.Invoke($"search '{text}': {string.Join(", ", found.Select(f => f.Complaint.Id))}" + (asResident ? $" (and always {knowledge.FallbackComplaintId})" : ""));
            if (asResident && complaintId is not null)
            {
                // The page always offers the fallback ("Annat besvär") below the hits, so a resident may pick it.
                complaint = found.Count == 0 || complaintId == knowledge.FallbackComplaintId || found.Any(f => f.Complaint.Id == complaintId)
                    ? knowledge.Find(complaintId) : null;
                if (complaint is null)
                {
                    return new VignetteResult(id, found.Count > 0 ? found[0].Complaint.Id : "-", expected, null,
                        $"texten '{text}' visar {string.Join(", ", found.Select(f => f.Complaint.Id))}, inte {complaintId}");
                }
            }
            else
            {
                complaint = found.Count > 0 ? found[0].Complaint : knowledge.Find(knowledge.FallbackComplaintId);
                if (complaintId is not null && complaint?.Id != complaintId)
                {
                    return new VignetteResult(id, complaint?.Id ?? "-", expected, null, $"texten '{text}' hittade {complaint?.Id ?? "ingen sökorsak"}, inte {complaintId}");
                }
            }
        }
        else
        {
            complaint = knowledge.Find(complaintId!);
        }
        if (complaint is null)
        {
            return new VignetteResult(id, complaintId ?? "-", expected, null, $"sökorsaken '{complaintId}' finns inte");
        }
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaulted = new List<string>();
        for (var steps = 0; steps < 200; steps++)
        {
            var step = engine.Next(complaint, subject, given);
            if (step.Outcome is { } outcome)
            {
                trace?.Invoke($"=> {outcome.Urgency} by {outcome.Rule.Id}: {string.Join(", ", outcome.Deciding.Select(d => $"{d.Question.Id}={d.Answer}"))}");
                var unused = answers.Keys.Where(k => engine.FindQuestion(complaint, k) is null).ToList();
                return unused.Count > 0
                    ? new VignetteResult(id, complaint.Id, expected, outcome.Urgency, $"svar på frågor som inte finns: {string.Join(", ", unused)}", defaulted)
                    : new VignetteResult(id, complaint.Id, expected, outcome.Urgency, null, defaulted);
            }
            var question = step.Next!;
            if (!answers.TryGetValue(question.Id, out var raw))
            {
                raw = question.Type switch
                {
                    QuestionType.YesNo => TriageEngine.No,
                    QuestionType.Number or QuestionType.Duration when asResident => TriageEngine.DontKnow,
                    _ => null,
                };
                if (raw is null)
                {
                    // A choice has no default: show the question, so whoever enters the case sees what to answer.
                    trace?.Invoke($"  {question.Id} = (no answer)  [{question.Text.Sv}] ({Answerable(question)})");
                    return new VignetteResult(id, complaint.Id, expected, null, $"fallet svarar inte på '{question.Id}'", defaulted);
                }
                defaulted.Add(question.Id);
            }
            var value = TriageEngine.Normalise(question, raw, out var problem);
            trace?.Invoke($"  {question.Id} = {raw}{(defaulted.Contains(question.Id) ? " (default)" : "")}  [{question.Text.Sv}] ({Answerable(question)})");
            if (value is null)
            {
                return new VignetteResult(id, complaint.Id, expected, null, $"svaret på '{question.Id}': {problem}", defaulted);
            }
            given[question.Id] = value;
        }
        return new VignetteResult(id, complaint.Id, expected, null, "fastnade i frågorna", defaulted);
    }

    /// <summary>What a question can be answered with, as the trace shows it to the person entering a case.</summary>
    private static string Answerable(Question question) => question.Type switch
    {
        QuestionType.YesNo => "ja | nej | vet_inte",
        QuestionType.Choice => string.Join(" | ", question.Options.Select(o => $"{o.Id} = {o.Text.Sv}")),
        QuestionType.Duration => "till exempel 20 minuter, 3 timmar, 2 dagar, 3 veckor, 2 månader, 1 år | vet_inte",
        _ => $"tal{(question.Unit is { } unit ? $" i {unit.Sv}" : "")}{(question.Min is { } min ? $", {min}–{question.Max}" : "")} | vet_inte",
    };
}
