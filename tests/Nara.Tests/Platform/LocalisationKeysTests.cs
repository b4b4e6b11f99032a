using System.Text.RegularExpressions;
using System.Xml.Linq;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;

namespace Nara.Tests.Platform;

/// <summary>Every UI text a page asks for exists in Swedish and in English, so no page shows a bare key.</summary>
public sealed partial class LocalisationKeysTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nara.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Nara.slnx not found above the test binaries.");
    }

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Root(), "src", "Nara", "Resources", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Swedish_and_english_have_the_same_keys()
    {
        var sv = Keys("Ui.resx");
        var en = Keys("Ui.en.resx");
        Assert.Empty(sv.Except(en));
        Assert.Empty(en.Except(sv));
    }

    [Fact]
    public void Every_key_a_page_uses_exists()
    {
        var sv = Keys("Ui.resx");
        var used = Directory.GetFiles(Path.Combine(Root(), "src", "Nara"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(u => !sv.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "missing UI texts: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_triage_value_shown_by_name_has_a_text()
    {
        var sv = Keys("Ui.resx");
        var expected = Enum.GetNames<Urgency>().SelectMany(u => new[] { $"Urgency{u}", $"UrgencyAdvice{u}" })
            .Concat(Enum.GetNames<TriageCareLevel>().Select(l => $"TriageCareLevel{l}"))
            .Concat(Enum.GetNames<TriageChannel>().Select(c => $"TriageChannel{c}"))
            .Concat(Enum.GetNames<CaseStatus>().Select(s => $"CaseStatus{s}"))
            .Concat(new[] { TriageChannel.Telefon, TriageChannel.Video, TriageChannel.Besok }.Select(c => $"CallbackBooked{c}"));
        Assert.DoesNotContain(expected, k => !sv.Contains(k));
    }

    [GeneratedRegex("""T\["([A-Za-z0-9]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
