using System.Globalization;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Nara.Modules.Triage.Content;

/// <summary>
/// A written case: who (age, sex), how they describe it (free text or a complaint id), their answers, and the
/// urgency a clinician expects, with the reason and source.
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
    string Source);

/// <summary>Reads content/triage/vignettes/*.yaml (format in docs/triage.md).</summary>
public static class VignetteLoader
{
    public static IReadOnlyList<Vignette> Load(string folder)
    {
        var list = new List<Vignette>();
        if (!Directory.Exists(folder))
        {
            return list;
        }
        foreach (var path in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
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
                || !root.Children.TryGetValue(new YamlScalarNode("vignettes"), out var node) || node is not YamlSequenceNode cases)
            {
                throw new ContentException(name, 1, "filen ska ha en lista 'vignettes'");
            }
            foreach (var item in cases.Children)
            {
                list.Add(Read(name, item));
            }
        }
        var duplicate = list.GroupBy(v => v.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            var second = duplicate.Skip(1).First();
            throw new ContentException(second.File, second.Line, $"fallet '{duplicate.Key}' finns redan");
        }
        return list;
    }

    private static readonly string[] Keys = ["id", "age", "age_months", "sex", "text", "complaint", "answers", "expected", "rationale", "source"];

    private static Vignette Read(string file, YamlNode node)
    {
        var line = node.Start.Line;
        if (node is not YamlMappingNode map)
        {
            throw new ContentException(file, line, "varje fall ska vara en karta");
        }
        string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode { Value: { } v } && v.Trim().Length > 0 ? v.Trim() : null;
        string Required(string key) => Get(key) ?? throw new ContentException(file, line, $"{key} saknas");
        foreach (var key in map.Children.Keys.OfType<YamlScalarNode>())
        {
            if (!Keys.Contains(key.Value))
            {
                throw new ContentException(file, key.Start.Line, $"okänd nyckel '{key.Value}'; tillåtna: {string.Join(", ", Keys)}");
            }
        }
        var id = Required("id");
        int months;
        if (Get("age_months") is { } m && int.TryParse(m, CultureInfo.InvariantCulture, out var am) && am >= 0)
        {
            months = am;
        }
        else if (Get("age") is { } a && int.TryParse(a, CultureInfo.InvariantCulture, out var years) && years is >= 0 and <= 120)
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
        if (Get("text") is null && Get("complaint") is null)
        {
            throw new ContentException(file, line, $"{id}: ange text (hur personen beskriver besväret) eller complaint");
        }
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
        var expectedText = Required("expected");
        if (!Enum.TryParse<Urgency>(expectedText, out var expected) || !Enum.IsDefined(expected))
        {
            throw new ContentException(file, line, $"{id}: expected '{expectedText}' finns inte; välj {string.Join(", ", Enum.GetNames<Urgency>())}");
        }
        return new Vignette(id, file, line, months, sex, Get("text"), Get("complaint"), answers, expected, Required("rationale"), Required("source"));
    }
}
