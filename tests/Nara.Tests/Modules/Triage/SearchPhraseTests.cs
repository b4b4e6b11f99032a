using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Domain;

namespace Nara.Tests.Modules.Triage;

/// <summary>
/// The search against lists written blind to its words (tests/…/Triage/Data): every everyday phrase finds its complaint
/// among the first three the resident is shown, and typed emergencies go to 112 while their near misses do not.
/// </summary>
public sealed class SearchPhraseTests
{
    private static string Data(string file) => Path.Combine(AppContext.BaseDirectory, "Modules", "Triage", "Data", file);

    [Fact]
    public void At_least_600_everyday_phrases_each_find_their_complaint_among_the_first_three()
    {
        var phrases = PhraseList.LoadPhrases(Data("lay-phrases.yaml"));
        Assert.True(phrases.Count >= 600, $"{phrases.Count} phrases; the issue asks for at least 600");
        Assert.All(phrases, p => Assert.NotNull(TriageContent.Knowledge.Find(p.Complaint)));
        var misses = PhraseList.Misses(TriageContent.Knowledge, phrases);
        Assert.True(misses.Count == 0, string.Join("\n", misses.Select(m => $"'{m.Phrase.Text}': want {m.Phrase.Complaint}, shown {string.Join(", ", m.Shown)}")));
    }

    [Fact]
    public void Typed_emergencies_go_to_112_and_their_near_misses_do_not()
    {
        var (emergencies, nearMisses) = PhraseList.LoadEmergency(Data("emergency-phrases.yaml"));
        Assert.True(emergencies.Count >= 100 && nearMisses.Count >= 100);
        var sentTo112 = nearMisses.Where(t => ComplaintSearch.Emergency(TriageContent.Knowledge, t) is not null).ToList();
        Assert.True(sentTo112.Count == 0, "near misses sent to 112: " + string.Join(" | ", sentTo112));
        // One typo in a four-letter word ("andnas") is not forgiven: allowing it sent near misses to 112 (docs/triage.md).
        var missed = emergencies.Where(t => ComplaintSearch.Emergency(TriageContent.Knowledge, t) is null).ToList();
        Assert.True(missed.Count <= 1, "emergencies not found: " + string.Join(" | ", missed));
    }

    [Theory]
    [InlineData("pappa har plötsligt sneda munnen och sluddrar")]
    [InlineData("ont i bröstet och svårt att andas")]
    [InlineData("jag har bröstsmärta och är kallsvettig")]
    [InlineData("stack av en geting och nu svårt att andas")]
    [InlineData("jag vill inte leva och har sparat tabletter")]
    [InlineData("det blöder och går inte att stoppa")]
    public void Typed_descriptions_of_obvious_emergencies_go_to_112(string text) =>
        Assert.NotNull(ComplaintSearch.Emergency(TriageContent.Knowledge, text));

    [Theory]
    [InlineData("inte ont i bröstet men andfådd när jag springer")]
    [InlineData("täppt näsa, kan inte andas genom näsan")]
    [InlineData("getingstick på armen som kliar")]
    [InlineData("jag vill inte leva så här med min rygg")]
    public void Negations_exceptions_and_compounds_do_not_make_an_emergency(string text) =>
        Assert.Null(ComplaintSearch.Emergency(TriageContent.Knowledge, text));

    [Theory]
    [InlineData("ryggont", "ryggont")]
    [InlineData("kan inte kissa", "urinvagsbesvar")]
    [InlineData("huvudvärkk", "huvudvark")]
    [InlineData("tror jag har bältros", "baltros")]
    public void Compounds_typos_and_self_named_conditions_find_their_complaint_first(string text, string complaint) =>
        Assert.Equal(complaint, ComplaintSearch.Search(TriageContent.Knowledge, text, new TriageSubject(40 * 12, TriageSubject.Woman))[0].Complaint.Id);

    [Theory]
    [InlineData("och")]
    [InlineData("med")]
    [InlineData("ont")]
    [InlineData("inte")]
    public void Short_common_words_alone_find_nothing(string text) =>
        Assert.Empty(ComplaintSearch.Search(TriageContent.Knowledge, text, null));
}
