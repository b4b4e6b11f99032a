using Nara.Modules.Triage.Contracts;

namespace Nara.Modules.Triage.Domain;

/// <summary>What the engine answered for one written case.</summary>
public sealed record VignetteResult(string Id, string ComplaintId, Urgency Expected, Urgency? Actual, string? Problem)
{
    public bool Correct => Actual == Expected;
    public bool UnderTriage => Actual is { } a && a < Expected;
    public bool OverTriage => Actual is { } a && a > Expected;
}

/// <summary>Runs a written case through the engine as a resident would: search (or the named complaint), then answer every question asked.</summary>
public static class TriageEvaluation
{
    /// <summary>
    /// Starts from free text when given (emergency words first, then the best matching complaint), else from the named
    /// complaint. Answers come from the case; a yes/no question the case does not answer is answered "nej".
    /// </summary>
    public static VignetteResult Run(TriageEngine engine, string id, TriageSubject subject, string? text, string? complaintId,
        IReadOnlyDictionary<string, string> answers, Urgency expected)
    {
        var knowledge = engine.Knowledge;
        Complaint? complaint;
        if (text is not null)
        {
            if (ComplaintSearch.Emergency(knowledge, text) is not null)
            {
                return new VignetteResult(id, "112", expected, Urgency.Ring112, null);
            }
            var found = ComplaintSearch.Search(knowledge, text, subject, 1);
            complaint = found.Count > 0 ? found[0].Complaint : knowledge.Find(knowledge.FallbackComplaintId);
            if (complaintId is not null && complaint?.Id != complaintId)
            {
                return new VignetteResult(id, complaint?.Id ?? "-", expected, null, $"texten '{text}' hittade {complaint?.Id ?? "ingen sökorsak"}, inte {complaintId}");
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
        for (var steps = 0; steps < 200; steps++)
        {
            var step = engine.Next(complaint, subject, given);
            if (step.Outcome is { } outcome)
            {
                var unused = answers.Keys.Where(k => engine.FindQuestion(complaint, k) is null).ToList();
                return unused.Count > 0
                    ? new VignetteResult(id, complaint.Id, expected, outcome.Urgency, $"svar på frågor som inte finns: {string.Join(", ", unused)}")
                    : new VignetteResult(id, complaint.Id, expected, outcome.Urgency, null);
            }
            var question = step.Next!;
            if (!answers.TryGetValue(question.Id, out var raw))
            {
                if (question.Type != QuestionType.YesNo)
                {
                    return new VignetteResult(id, complaint.Id, expected, null, $"fallet svarar inte på '{question.Id}'");
                }
                raw = TriageEngine.No;
            }
            var value = TriageEngine.Normalise(question, raw, out var problem);
            if (value is null)
            {
                return new VignetteResult(id, complaint.Id, expected, null, $"svaret på '{question.Id}': {problem}");
            }
            given[question.Id] = value;
        }
        return new VignetteResult(id, complaint.Id, expected, null, "fastnade i frågorna");
    }
}
