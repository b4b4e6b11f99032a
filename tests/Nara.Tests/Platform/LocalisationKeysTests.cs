using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Composition;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// Every UI text a page asks for exists in Swedish and in English, in the texts of the module the page belongs to or in
/// the words every page uses (Resources/Ui), so no page shows a bare key. Each module owns its texts (house rule 11).
/// </summary>
public sealed partial class LocalisationKeysTests
{
    private static string Src() => RepoFiles.Src;

    private static HashSet<string> Keys(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    /// <summary>The Swedish (neutral) text files: the shared one and each module's.</summary>
    public static TheoryData<string> TextFiles() =>
        [.. Directory.EnumerateFiles(Src(), "*.resx", SearchOption.AllDirectories)
            .Where(f => !RepoFiles.InBuildOutput(f) && !f.EndsWith(".en.resx", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(Src(), f))
            .Order(StringComparer.Ordinal)];

    private static HashSet<string> Shared() => Keys(Path.Combine(Src(), "Resources", "Ui.resx"));

    /// <summary>The folder that owns a component: Modules/X or Platform/X; null for the shared Components.</summary>
    private static string? OwnerFolder(string relative)
    {
        var parts = relative.Split(Path.DirectorySeparatorChar);
        return parts.Length > 2 && parts[0] is "Modules" or "Platform" ? Path.Combine(parts[0], parts[1]) : null;
    }

    private static HashSet<string> OwnTexts(string ownerFolder)
    {
        var folder = Path.Combine(Src(), ownerFolder, "Resources");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.resx").Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)).SelectMany(Keys).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    [Theory]
    [MemberData(nameof(TextFiles))]
    public void Swedish_and_english_have_the_same_keys(string swedish)
    {
        var sv = Keys(Path.Combine(Src(), swedish));
        var english = Path.Combine(Src(), swedish[..^".resx".Length] + ".en.resx");
        Assert.True(File.Exists(english), $"{swedish} has no English file beside it");
        var en = Keys(english);
        Assert.Empty(sv.Except(en));
        Assert.Empty(en.Except(sv));
        Assert.NotEmpty(sv);
    }

    [Fact]
    public void Every_key_a_page_uses_exists_in_its_modules_texts_or_the_shared_ones()
    {
        var shared = Shared();
        var missing = new List<string>();
        var used = 0;
        foreach (var file in Directory.EnumerateFiles(Src(), "*.razor", SearchOption.AllDirectories).Where(f => !RepoFiles.InBuildOutput(f)))
        {
            var relative = Path.GetRelativePath(Src(), file);
            var owner = OwnerFolder(relative);
            var available = owner is null ? shared : OwnTexts(owner).Union(shared).ToHashSet(StringComparer.Ordinal);
            foreach (var key in UsedKeys(File.ReadAllText(file)))
            {
                used++;
                if (!available.Contains(key))
                {
                    missing.Add($"{relative}: {key}");
                }
            }
        }
        Assert.True(used > 500, $"only {used} keys found: is the pattern still right?");
        Assert.True(missing.Count == 0, "missing UI texts: " + string.Join(", ", missing.Distinct()));
    }

    [Fact]
    public void A_key_is_a_modules_own_or_shared_never_both()
    {
        var shared = Shared();
        var both = Directory.EnumerateDirectories(Path.Combine(Src(), "Modules")).Concat(Directory.EnumerateDirectories(Path.Combine(Src(), "Platform")))
            .Select(d => Path.GetRelativePath(Src(), d))
            .SelectMany(owner => OwnTexts(owner).Intersect(shared).Select(k => $"{owner}: {k}"))
            .ToList();
        Assert.True(both.Count == 0, "keys in a module's texts and in the shared ones: " + string.Join(", ", both));
    }

    [Fact]
    public void Every_module_with_pages_has_its_own_texts_and_gives_them_to_its_components()
    {
        foreach (var module in Directory.EnumerateDirectories(Path.Combine(Src(), "Modules")).Concat(Directory.EnumerateDirectories(Path.Combine(Src(), "Platform"))))
        {
            if (!Directory.EnumerateFiles(module, "*.razor", SearchOption.AllDirectories).Any(f => !f.EndsWith("_Imports.razor", StringComparison.Ordinal)))
            {
                continue;
            }
            var name = Path.GetFileName(module);
            Assert.True(File.Exists(Path.Combine(module, "Resources", $"{name}Texts.resx")), $"{name} has pages but no Resources/{name}Texts.resx");
            var imports = Path.Combine(module, "_Imports.razor");
            Assert.True(File.Exists(imports) && File.ReadAllText(imports).Contains($"@inject Texts<{name}Texts> T", StringComparison.Ordinal),
                $"{name}/_Imports.razor does not give its components the module's texts (@inject Texts<{name}Texts> T)");
        }
    }

    [Fact]
    public void Every_triage_value_shown_by_name_has_a_text()
    {
        var texts = OwnTexts(Path.Combine("Modules", "Triage")).Union(Shared()).ToHashSet(StringComparer.Ordinal);
        var expected = Enum.GetNames<Urgency>().SelectMany(u => new[] { $"Urgency{u}", $"UrgencyAdvice{u}" })
            .Concat(Enum.GetNames<TriageCareLevel>().Select(l => $"TriageCareLevel{l}"))
            .Concat(Enum.GetNames<TriageChannel>().Select(c => $"TriageChannel{c}"))
            .Concat(Enum.GetNames<CaseStatus>().Select(s => $"CaseStatus{s}"))
            .Concat(new[] { TriageChannel.Telefon, TriageChannel.Video, TriageChannel.Besok }.Select(c => $"CallbackBooked{c}"));
        Assert.DoesNotContain(expected, k => !texts.Contains(k));
    }

    [Fact]
    public void The_key_finder_sees_plain_formatted_and_conditional_keys()
    {
        Assert.Equal(["A", "B", "C", "D"], UsedKeys("""@T["A"] @T["B", x] @T[ok ? "C" : "D"] @T[$"Prefix{x}"]""").Order());
    }

    /// <summary>Literal keys inside T[...]: T["Key"], T["Key", args], T[cond ? "A" : "B"].</summary>
    private static IEnumerable<string> UsedKeys(string razor) =>
        LeadingKey().Matches(razor).Select(m => m.Groups[1].Value)
            .Concat(Indexer().Matches(razor).SelectMany(m => Literal().Matches(m.Groups[1].Value).Select(l => l.Groups[1].Value)))
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex("""T\["([A-Za-z0-9]+)"[\],]""")]
    private static partial Regex LeadingKey();

    [GeneratedRegex("""T\[([^\[\]$]*)\]""")]
    private static partial Regex Indexer();

    [GeneratedRegex("\"([A-Za-z0-9]+)\"")]
    private static partial Regex Literal();
}

/// <summary>The menus the modules register: each entry's text exists in its module's texts in Swedish and English.</summary>
[Collection(SqliteTests.Name)]
public sealed class NavigationTextsTests(SqliteApp app)
{
    [Fact]
    public void Every_menu_entry_has_its_text_in_swedish_and_english_in_its_modules_own_texts()
    {
        var entries = app.Services.GetServices<NavEntry>().ToList();
        Assert.True(entries.Count >= 20, "the modules register their menu entries");
        var factory = app.Services.GetRequiredService<IStringLocalizerFactory>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            foreach (var culture in new[] { "sv-SE", "en-GB" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
                var missing = entries.Where(e => factory.Create(e.Texts)[e.TextKey].ResourceNotFound).Select(e => $"{e.Href} ({e.TextKey})").ToList();
                Assert.True(missing.Count == 0, $"{culture}: " + string.Join(", ", missing));
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void The_menus_keep_their_order_and_audiences()
    {
        var navigation = app.Services.CreateScope().ServiceProvider.GetRequiredService<ModuleNavigation>();
        // In this order, with room for other modules' entries between them.
        var residentMenu = navigation.In(NavArea.Main).Where(e => e.Roles.Contains(Nara.Platform.Auth.NaraRoles.Invanare)).Select(e => e.Href).ToList();
        Assert.Equal(["/hjalp", "/mina-arenden", "/mina-bokningar", "/mote", "/mina-sidor", "/utkorg"],
            residentMenu.Where(h => h is "/hjalp" or "/mina-arenden" or "/mina-bokningar" or "/mote" or "/mina-sidor" or "/utkorg"));
        Assert.Equal("/hjalp", residentMenu[0]);
        var myPages = navigation.In(NavArea.MyPages).Select(e => e.Href).ToList();
        Assert.Equal(["/mina-sidor", "/mina-sidor/atkomst", "/mina-sidor/sparrar", "/vantelista"],
            myPages.Where(h => h is "/mina-sidor" or "/mina-sidor/atkomst" or "/mina-sidor/sparrar" or "/vantelista"));
        Assert.Contains(navigation.In(NavArea.Main), e => e.Href == "/vardgaranti" && e.ExactMatch && e.Roles.SequenceEqual([Nara.Platform.Auth.NaraRoles.Verksamhetschef]));
        Assert.DoesNotContain(navigation.In(NavArea.Main), e => e.Roles.Count == 0);
    }
}
