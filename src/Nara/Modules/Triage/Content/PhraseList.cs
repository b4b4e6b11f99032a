using System.Globalization;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;
using YamlDotNet.RepresentationModel;

namespace Nara.Modules.Triage.Content;

/// <summary>An everyday phrase and the complaint the search must show among its first three for that person.</summary>
public sealed record LayPhrase(string Text, string Complaint, TriageSubject Subject);

/// <summary>
/// Test lists for the search, kept with the tests: everyday phrases with the complaint each must find
/// (<c>phrases: [{text, complaint, age?, age_months?, sex?}]</c>), and typed emergencies with near misses
/// (<c>emergency: [..]</c>, <c>not_emergency: [..]</c>). <c>triage-eval --phrases FILE</c> and
/// <c>--emergency-phrases FILE</c> print what fails.
/// </summary>
public static class PhraseList
{
    public static IReadOnlyList<LayPhrase> LoadPhrases(string path)
    {
        var list = new List<LayPhrase>();
        foreach (var node in Sequence(path, "phrases"))
        {
            var map = (YamlMappingNode)node;
            string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? (n as YamlScalarNode)?.Value : null;
            var months = Get("age_months") is { } m ? int.Parse(m, CultureInfo.InvariantCulture)
                : Get("age") is { } a ? int.Parse(a, CultureInfo.InvariantCulture) * 12 + 6 : 40 * 12 + 6;
            list.Add(new LayPhrase(Get("text") ?? throw new ContentException(Path.GetFileName(path), node.Start.Line, "text saknas"),
                Get("complaint") ?? throw new ContentException(Path.GetFileName(path), node.Start.Line, "complaint saknas"),
                new TriageSubject(months, Get("sex") ?? TriageSubject.Woman)));
        }
        return list;
    }

    public static (IReadOnlyList<string> Emergency, IReadOnlyList<string> NotEmergency) LoadEmergency(string path) =>
        (Sequence(path, "emergency").Select(n => ((YamlScalarNode)n).Value!).ToList(), Sequence(path, "not_emergency").Select(n => ((YamlScalarNode)n).Value!).ToList());

    /// <summary>The phrases whose complaint is not among the first three the search shows (or that the emergency check takes).</summary>
    public static IReadOnlyList<(LayPhrase Phrase, IReadOnlyList<string> Shown)> Misses(KnowledgeBase knowledge, IEnumerable<LayPhrase> phrases) =>
        phrases.Select(p => (Phrase: p, Shown: (IReadOnlyList<string>)ComplaintSearch.Search(knowledge, p.Text, p.Subject, TriageEvaluation.Shown).Select(m => m.Complaint.Id).ToList()))
            .Where(x => !x.Shown.Contains(x.Phrase.Complaint))
            .ToList();

    private static IEnumerable<YamlNode> Sequence(string path, string key)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return root.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode seq ? seq.Children : [];
    }
}
