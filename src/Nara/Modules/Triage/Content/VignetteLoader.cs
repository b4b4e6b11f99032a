using System.Globalization;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nara.Modules.Triage.Content;

/// <summary>
/// A written case: who (age, sex), how they describe it (free text or a complaint id), their answers, and the
/// urgency a clinician expects, with the reason and source. An independent case also has its story, who fills it in
/// (<c>self</c>, <c>child</c> or <c>other</c>), and answers entered from the story by someone else.
/// </summary>
public sealed record Vignette(
    string Id,
    string File,
    long Line,
    int AgeMonths,
    string Sex,
    string? Text,
    string? ComplaintId,
    IReadOnlyDictionary<string, string> Answers,
    Urgency Expected,
    string Rationale,
    string Source,
    string? Story = null,
    string? For = null,
    bool Independent = false);

/// <summary>
/// Reads the written cases (format in docs/triage.md): the team's, <c>content/triage/vignettes/*.yaml</c>, and the
/// independent set, <c>content/triage/independent/cases-*.yaml</c> (written blind, never edited), with the answers a
/// resident would give, entered from each story by someone else, in <c>content/triage/independent/answers/*.yaml</c>.
/// </summary>
public static class VignetteLoader
{
    public const string IndependentFolder = "independent";

    /// <summary>A second independent set, written blind after the content was tuned on the first: the held-out measure.</summary>
    public const string HoldoutFolder = "holdout";

    /// <summary>A third independent set, written blind after the second content round, which had seen the holdout's misses.</summary>
    public const string ThirdFolder = "holdout-2";

    /// <summary>A fourth independent set, written blind after the third set's misses had been worked.</summary>
    public const string FourthFolder = "holdout-3";

    /// <summary>A fifth independent set, written blind after the fourth set's misses had been worked.</summary>
    public const string FifthFolder = "holdout-4";

    /// <summary>A sixth independent set, written blind after the fifth set's misses had been worked.</summary>
    public const string SixthFolder = "holdout-5";
    public const string SeventhFolder = "holdout-6";
    public const string EighthFolder = "holdout-7";
    public const string NinthFolder = "holdout-8";
    public const string TenthFolder = "holdout-9";
    public const string EleventhFolder = "holdout-10";
    public const string TwelfthFolder = "holdout-11";
    public const string ThirteenthFolder = "holdout-12";
    public const string FourteenthFolder = "holdout-13";
    public const string FifteenthFolder = "holdout-14";
    public const string SixteenthFolder = "holdout-15";
    public const string SeventeenthFolder = "holdout-16";
    public const string EighteenthFolder = "holdout-17";
    public const string NineteenthFolder = "holdout-18";
    public const string TwentiethFolder = "holdout-19";

    /// <summary>The independent sets in the order they were written, each with how <c>triage-eval</c> names it.</summary>
    public static readonly IReadOnlyList<(string Folder, string Name)> IndependentSets =
    [
        (IndependentFolder, "the independent set, written blind (content/triage/independent)"),
        (HoldoutFolder, "the second independent set, written blind after the content was tuned (content/triage/holdout)"),
        (ThirdFolder, "the third independent set, written blind after the second content round (content/triage/holdout-2)"),
        (FourthFolder, "the fourth independent set, written blind after the third set's misses were worked (content/triage/holdout-3)"),
        (FifthFolder, "the fifth independent set, written blind after the fourth set's misses were worked (content/triage/holdout-4)"),
        (SixthFolder, "the sixth independent set, written blind after the fifth set's misses were worked (content/triage/holdout-5)"),
        (SeventhFolder, "the seventh independent set, written blind after the sixth set's misses were worked (content/triage/holdout-6)"),
        (EighthFolder, "the eighth independent set, written blind after the seventh set's misses were worked (content/triage/holdout-7)"),
        (NinthFolder, "the ninth independent set, written blind after the eighth set's misses were worked (content/triage/holdout-8)"),
        (TenthFolder, "the tenth independent set, written blind after the ninth set's misses were worked (content/triage/holdout-9)"),
        (EleventhFolder, "the eleventh independent set, written blind after the tenth set's misses were worked (content/triage/holdout-10)"),
        (TwelfthFolder, "the twelfth independent set, written blind after the eleventh set's misses were worked (content/triage/holdout-11)"),
        (ThirteenthFolder, "the thirteenth independent set, written blind after the twelfth set's misses were worked (content/triage/holdout-12)"),
        (FourteenthFolder, "the fourteenth independent set, written blind after the thirteenth set's misses were worked (content/triage/holdout-13)"),
        (FifteenthFolder, "the fifteenth independent set, written blind after the fourteenth set's first measurement and its one emergency pattern (content/triage/holdout-14)"),
        (SixteenthFolder, "the sixteenth independent set, written blind after the fifteenth set's first measurement (content/triage/holdout-15)"),
        (SeventeenthFolder, "the seventeenth independent set, written blind after the sixteenth set's round and the emergency-gap review (content/triage/holdout-16)"),
        (EighteenthFolder, "the eighteenth independent set, written blind after the seventeenth set's round (content/triage/holdout-17)"),
        (NineteenthFolder, "the nineteenth independent set, written blind after the eighteenth set's first measurement (content/triage/holdout-18)"),
        (TwentiethFolder, "the twentieth independent set, written blind after the nineteenth set's first measurement (content/triage/holdout-19)"),
    ];

    public static IReadOnlyList<Vignette> Load(string folder)
    {
        var list = new List<Vignette>();
        if (!Directory.Exists(folder))
        {
            return list;
        }
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            list.AddRange(Items(path, "vignettes").Select(item => Read(Path.GetFileName(path), item)));
        }
        return Unique(list);
    }

    /// <summary>The independent cases with the answers entered for them; a case without answers runs on its text alone.</summary>
    public static IReadOnlyList<Vignette> LoadIndependent(string folder)
    {
        var list = new List<Vignette>();
        if (!Directory.Exists(folder))
        {
            return list;
        }
        var answers = new Dictionary<string, (string? Complaint, Dictionary<string, string> Answers)>(StringComparer.Ordinal);
        var answersFolder = Path.Combine(folder, "answers");
        foreach (var path in Directory.Exists(answersFolder) ? Directory.GetFiles(answersFolder, "*.yaml").Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
        {
            var name = Path.GetFileName(path);
            foreach (var item in Items(path, "answers"))
            {
                if (item is not YamlMappingNode map)
                {
                    throw new ContentException(name, item.Start.Line, "varje svar ska vara en karta med id, complaint och answers");
                }
                var id = Scalar(map, "id") ?? throw new ContentException(name, item.Start.Line, "id saknas");
                if (!answers.TryAdd(id, (Scalar(map, "complaint"), ReadAnswers(name, id, map))))
                {
                    throw new ContentException(name, item.Start.Line, $"svaren för '{id}' finns redan");
                }
            }
        }
        foreach (var path in Directory.GetFiles(folder, "cases-*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var item in Items(path, "cases"))
            {
                var v = Read(Path.GetFileName(path), item);
                var given = answers.GetValueOrDefault(v.Id);
                list.Add(v with { ComplaintId = given.Complaint, Answers = given.Answers ?? [], Independent = true });
            }
        }
        if (answers.Keys.Except(list.Select(v => v.Id)).FirstOrDefault() is { } unknown)
        {
            throw new ContentException("answers", 0, $"svar för fallet '{unknown}', som inte finns");
        }
        return Unique(list);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode { Value: { } v } && v.Trim().Length > 0 ? v.Trim() : null;

    private static IEnumerable<YamlNode> Items(string path, string key)
    {
        var name = Path.GetFileName(path);
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, "ogiltig YAML: " + ex.Message);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlSequenceNode items)
        {
            throw new ContentException(name, 1, $"filen ska ha en lista '{key}'");
        }
        return items.Children;
    }

    private static List<Vignette> Unique(List<Vignette> list)
    {
        var duplicate = list.GroupBy(v => v.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.Skip(1).First();
            throw new ContentException(second.File, second.Line, $"fallet '{duplicate.Key}' finns redan");
        }
        return list;
    }

    private static Dictionary<string, string> ReadAnswers(string file, string id, YamlMappingNode map)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map.Children.TryGetValue(new YamlScalarNode("answers"), out var answersNode))
        {
            if (answersNode is not YamlMappingNode answerMap)
            {
                throw new ContentException(file, answersNode.Start.Line, $"{id}: answers ska vara en karta fråga: svar");
            }
            foreach (var (k, v) in answerMap.Children)
            {
                answers[((YamlScalarNode)k).Value!] = (v as YamlScalarNode)?.Value?.Trim() ?? "";
            }
        }
        return answers;
    }

    private static readonly string[] Keys = ["id", "age", "age_months", "sex", "for", "text", "story", "complaint", "answers", "expected", "rationale", "source"];

    private static Vignette Read(string file, YamlNode node)
    {
        var line = node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            throw new ContentException(file, line, "varje fall ska vara en karta");
        }
        string Required(string key) => Scalar(map, key) ?? throw new ContentException(file, line, $"{key} saknas");
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!Keys.Contains(key.Value))
            {
                throw new ContentException(file, key.Start.Line, $"okänd nyckel '{key.Value}'; tillåtna: {string.Join(", ", Keys)}");
            }
        }
        var id = Required("id");
        int months;
        if (Scalar(map, "age_months") is { } m && int.TryParse(m, CultureInfo.InvariantCulture, out var am) && am >= 0)
        {
            months = am;
        }
        else if (Scalar(map, "age") is { } a && int.TryParse(a, CultureInfo.InvariantCulture, out var years) && years is >= 0 and <= 120)
        {
            months = years * 12 + 6;
        }
        else
        {
            throw new ContentException(file, line, $"{id}: age (år) eller age_months saknas eller är ogiltig");
        }
        var sex = Required("sex");
        if (sex is not (TriageSubject.Woman or TriageSubject.Man))
        {
            throw new ContentException(file, line, $"{id}: sex ska vara kvinna eller man");
        }
        if (Scalar(map, "text") is null && Scalar(map, "complaint") is null)
        {
            throw new ContentException(file, line, $"{id}: ange text (hur personen beskriver besväret) eller complaint");
        }
        var forWhom = Scalar(map, "for");
        if (forWhom is not (null or "self" or "child" or "other"))
        {
            throw new ContentException(file, line, $"{id}: for ska vara self, child eller other");
        }
        var expectedText = Required("expected");
        if (!Enum.TryParse<Urgency>(expectedText, out var expected) || !Enum.IsDefined(expected))
        {
            throw new ContentException(file, line, $"{id}: expected '{expectedText}' finns inte; välj {string.Join(", ", Enum.GetNames<Urgency>())}");
        }
        return new Vignette(id, file, line, months, sex, Scalar(map, "text"), Scalar(map, "complaint"), ReadAnswers(file, id, map), expected,
            Required("rationale"), Required("source"), Scalar(map, "story"), forWhom);
    }
}
