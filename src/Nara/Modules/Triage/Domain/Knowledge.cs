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

    /// <summary>How long: a number with a unit (timmar, dagar, veckor, månader, år), stored and compared in days.</summary>
    Duration,
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

/// <summary>
/// A moderate sign, or a modifier for an age or risk group, in a complaint's combinations: when its condition holds, its
/// weight is added to the complaint's sign total. "Vet inte" holds (the more urgent side). A modifier counts only when
/// at least one sign holds, so belonging to a group never escalates on its own.
/// </summary>
public sealed record Sign(string Id, Condition When, int Weight, LocalText Label);

/// <summary>A sign total at which the urgency rises to at least this level.</summary>
public sealed record SignLevel(int At, Urgency Urgency, TriageCareLevel CareLevel, TriageChannel Channel, string SourceId);

/// <summary>
/// The second, additive mechanism beside the rules: moderate signs with weights, the age and risk modifiers that
/// apply, and the levels the total raises the urgency to. It can only raise: every weight is positive and every
/// condition is on the urgent side of its question.
/// </summary>
public sealed record Combination(IReadOnlyList<Sign> Signs, IReadOnlyList<Sign> Modifiers, IReadOnlyList<SignLevel> Levels);

/// <summary>The reason texts for an outcome from combinations, one per urgency, with <c>{signs}</c> for the signs that held.</summary>
public sealed record CombinationReasons(IReadOnlyDictionary<Urgency, LocalText> ByUrgency, LocalText DontKnow);

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
    IReadOnlyList<ContentSource> Sources,
    Combination? Combination = null)
{
    public ContentSource? Source(string id) => Sources.FirstOrDefault(s => s.Id == id);
}

/// <summary>
/// A typed description of an emergency: every group must be present, each by one of its phrases ("ont i bröstet" and
/// "svårt att andas"). A single phrase that is enough on its own is a pattern of one group.
/// </summary>
/// <summary>A typed emergency: one phrase from every group of <see cref="AllOf"/>, unless one of <see cref="NoneOf"/> is
/// also in the text (a nosebleed that will not stop is the nosebleed complaint's to weigh, not an ambulance on its words).</summary>
public sealed record EmergencyPattern(string Id, IReadOnlyList<IReadOnlyList<string>> AllOf, IReadOnlyList<string>? NoneOf = null);

/// <summary>
/// Words and patterns that, typed anywhere in the search, mean "call 112" before any question; and exceptions: words that,
/// right after a matched phrase, mean it is not the emergency ("kan inte andas" + "genom näsan").
/// </summary>
public sealed record EmergencyPhrases(IReadOnlyList<string> Sv, IReadOnlyList<string> En, LocalText Reason, ContentSource Source,
    IReadOnlyList<EmergencyPattern> Patterns, IReadOnlyList<string> Exceptions);

/// <summary>The loaded and validated knowledge base: every complaint, the questions they share, and the emergency words.</summary>
public sealed class KnowledgeBase(
    string version,
    IReadOnlyList<Complaint> complaints,
    IReadOnlyDictionary<string, Question> shared,
    EmergencyPhrases emergency,
    string fallbackComplaintId,
    CombinationReasons? combinationReasons = null)
{
    public string Version { get; } = version;
    public IReadOnlyList<Complaint> Complaints { get; } = complaints;
    public IReadOnlyDictionary<string, Question> SharedQuestions { get; } = shared;
    public EmergencyPhrases Emergency { get; } = emergency;
    public CombinationReasons? CombinationReasons { get; } = combinationReasons;

    /// <summary>"Annat": for what matches nothing.</summary>
    public string FallbackComplaintId { get; } = fallbackComplaintId;

    private readonly Dictionary<string, Complaint> _byId = complaints.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>The complaint search and emergency check over this knowledge base's words.</summary>
    public ComplaintIndex Index { get; } = new(complaints, emergency);

    public Complaint? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// A case's complaint as the page should name it: in English, the knowledge base's English title; in Swedish, the
    /// title recorded with the case (what the resident chose, even if the content has renamed it since).
    /// </summary>
    public string TitleOf(string complaintId, string? recorded)
    {
        var complaint = Find(complaintId);
        if (complaint is not null && System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en")
        {
            return complaint.Title.En;
        }
        return !string.IsNullOrWhiteSpace(recorded) ? recorded : complaint?.Title.Sv ?? complaintId;
    }
}
