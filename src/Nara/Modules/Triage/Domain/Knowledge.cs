using Nara.Modules.Triage.Contracts;

namespace Nara.Modules.Triage.Domain;

/// <summary>A text in Swedish and English. Swedish is the clinical original; English is its translation.</summary>
public sealed record LocalText(string Sv, string En)
{
    public string For(string culture) => culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Sv;
}

public sealed record ContentSource(string Id, string Title, string Publisher, string Url);

public enum QuestionType
{
    YesNo,
    Choice,
    Number,
}

public sealed record ChoiceOption(string Id, LocalText Text);

/// <summary>One question. A red flag is a yes/no question asked before the others, where "vet inte" counts as "ja".</summary>
public sealed record Question(
    string Id,
    QuestionType Type,
    LocalText Text,
    LocalText? Help,
    bool RedFlag,
    bool Summary,
    IReadOnlyList<ChoiceOption> Options,
    LocalText? Unit,
    decimal? Min,
    decimal? Max,
    IReadOnlyList<Condition> AskWhen)
{
    public ChoiceOption? Option(string id) => Options.FirstOrDefault(o => o.Id == id);
}

/// <summary>A rule maps answers to an outcome. Rules are ordered most urgent first; the first whose conditions all hold decides.</summary>
public sealed record Rule(
    string Id,
    IReadOnlyList<Condition> When,
    Urgency Urgency,
    TriageCareLevel CareLevel,
    TriageChannel Channel,
    LocalText Reason,
    string SourceId);

public sealed record SelfCareAdvice(IReadOnlyList<LocalText> Advice, IReadOnlyList<LocalText> SeekCareIf);

/// <summary>A chief complaint (sökorsak): its words, questions, rules and the sources they follow.</summary>
public sealed record Complaint(
    string Id,
    string File,
    LocalText Title,
    IReadOnlyList<string> SynonymsSv,
    IReadOnlyList<string> SynonymsEn,
    IReadOnlyList<Condition> AppliesWhen,
    IReadOnlyList<Question> Questions,
    IReadOnlyList<Rule> Rules,
    SelfCareAdvice? SelfCare,
    IReadOnlyList<ContentSource> Sources)
{
    public ContentSource? Source(string id) => Sources.FirstOrDefault(s => s.Id == id);
}

/// <summary>Words that, typed anywhere in the search, mean "call 112" before any question.</summary>
public sealed record EmergencyPhrases(IReadOnlyList<string> Sv, IReadOnlyList<string> En, LocalText Reason, ContentSource Source);

/// <summary>The loaded and validated knowledge base: every complaint, the questions they share, and the emergency words.</summary>
public sealed class KnowledgeBase(
    string version,
    IReadOnlyList<Complaint> complaints,
    IReadOnlyDictionary<string, Question> shared,
    EmergencyPhrases emergency,
    string fallbackComplaintId)
{
    public string Version { get; } = version;
    public IReadOnlyList<Complaint> Complaints { get; } = complaints;
    public IReadOnlyDictionary<string, Question> SharedQuestions { get; } = shared;
    public EmergencyPhrases Emergency { get; } = emergency;

    /// <summary>"Annat": for what matches nothing.</summary>
    public string FallbackComplaintId { get; } = fallbackComplaintId;

    private readonly Dictionary<string, Complaint> _byId = complaints.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public Complaint? Find(string id) => _byId.GetValueOrDefault(id);
}
