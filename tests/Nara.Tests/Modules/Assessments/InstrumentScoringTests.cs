using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// The instruments in content/instruments scored exactly as their sources publish them: the severity bands and their
/// limits (Kroenke 2001 for the PHQ-9, Spitzer 2006 for the GAD-7, the screens' cut-off of 3 from Kroenke 2003 and 2007),
/// no score when an item is missing (none of these sources defines prorating), the PHQ-9 item 9 alert, and a file that
/// breaks a rule stops the start with what is wrong.
/// </summary>
public sealed class InstrumentScoringTests : IDisposable
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));
    private readonly string _folder = Directory.CreateTempSubdirectory("nara-instruments-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // Answers with the given points, item "1" first.
    private static Dictionary<string, int> Answers(params int[] points) =>
        points.Select((p, i) => (Item: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p)).ToDictionary(x => x.Item, x => x.p);

    private static (int? Score, string? Band) Total(string instrument, params int[] points)
    {
        var total = InstrumentScoring.Score(Catalog.Find(instrument)!, Answers(points)).Scales.Single(s => s.Scale == "total");
        return (total.Score, total.Band?.Id);
    }

    [Theory]
    // Each band's lowest and highest score (Kroenke 2001, table 3: 5, 10, 15 and 20 the limits of mild, moderate,
    // moderately severe and severe).
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, "minimal")]
    [InlineData(new[] { 1, 1, 1, 1, 0, 0, 0, 0, 0 }, 4, "minimal")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 0, 0, 0, 0 }, 5, "mild")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 9, "mild")]
    [InlineData(new[] { 2, 1, 1, 1, 1, 1, 1, 1, 1 }, 10, "moderate")]
    [InlineData(new[] { 2, 2, 2, 2, 2, 1, 1, 1, 1 }, 14, "moderate")]
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 1, 1, 1 }, 15, "moderately-severe")]
    [InlineData(new[] { 3, 3, 3, 2, 2, 2, 2, 1, 1 }, 19, "moderately-severe")]
    [InlineData(new[] { 3, 3, 3, 3, 2, 2, 2, 1, 1 }, 20, "severe")]
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 27, "severe")]
    public void PHQ_9_is_the_sum_of_its_nine_items_in_the_published_severity_bands(int[] points, int score, string band) =>
        Assert.Equal((score, band), Total("phq-9", points));

    [Theory]
    // Spitzer 2006: 5, 10 and 15 the limits of mild, moderate and severe anxiety.
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0 }, 0, "minimal")]
    [InlineData(new[] { 1, 1, 1, 1, 0, 0, 0 }, 4, "minimal")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 0, 0 }, 5, "mild")]
    [InlineData(new[] { 2, 2, 1, 1, 1, 1, 1 }, 9, "mild")]
    [InlineData(new[] { 2, 2, 2, 1, 1, 1, 1 }, 10, "moderate")]
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2 }, 14, "moderate")]
    [InlineData(new[] { 3, 2, 2, 2, 2, 2, 2 }, 15, "severe")]
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3 }, 21, "severe")]
    public void GAD_7_is_the_sum_of_its_seven_items_in_the_published_severity_bands(int[] points, int score, string band) =>
        Assert.Equal((score, band), Total("gad-7", points));

    [Theory]
    [InlineData("phq-2", 1, 1, 2, "negative")]
    [InlineData("phq-2", 2, 1, 3, "positive")]
    [InlineData("phq-2", 3, 3, 6, "positive")]
    [InlineData("gad-2", 2, 0, 2, "negative")]
    [InlineData("gad-2", 0, 3, 3, "positive")]
    public void The_two_item_screens_are_positive_from_3(string instrument, int first, int second, int score, string band) =>
        Assert.Equal((score, band), Total(instrument, first, second));

    [Theory]
    // Topp 2015: the raw score times 4; 50 or less poor well-being (screen for depression), 28 or less likely depression.
    [InlineData(new[] { 5, 5, 5, 5, 5 }, 100, "good")]
    [InlineData(new[] { 3, 3, 3, 2, 2 }, 52, "good")]
    [InlineData(new[] { 3, 3, 2, 2, 2 }, 48, "poor")]
    [InlineData(new[] { 2, 2, 2, 1, 1 }, 32, "poor")]
    [InlineData(new[] { 2, 2, 1, 1, 1 }, 28, "likely-depression")]
    [InlineData(new[] { 0, 0, 0, 0, 0 }, 0, "likely-depression")]
    public void WHO_5_is_the_raw_score_times_four_in_the_published_bands(int[] points, int score, string band) =>
        Assert.Equal((score, band), Total("who-5", points));

    [Theory]
    // WHO 2001 (Babor et al.): items 1–8 give 0–4, items 9 and 10 give 0, 2 or 4; zones from 8, 16 and 20.
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, "zone-1")]
    [InlineData(new[] { 3, 2, 2, 0, 0, 0, 0, 0, 0, 0 }, 7, "zone-1")]
    [InlineData(new[] { 2, 2, 2, 0, 0, 0, 0, 0, 0, 2 }, 8, "zone-2")]
    [InlineData(new[] { 4, 4, 3, 0, 0, 0, 0, 0, 2, 2 }, 15, "zone-2")]
    [InlineData(new[] { 4, 4, 4, 0, 0, 0, 0, 0, 0, 4 }, 16, "zone-3")]
    [InlineData(new[] { 4, 4, 4, 1, 0, 0, 0, 2, 0, 4 }, 19, "zone-3")]
    [InlineData(new[] { 4, 4, 4, 2, 0, 0, 0, 2, 0, 4 }, 20, "zone-4")]
    [InlineData(new[] { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 }, 40, "zone-4")]
    public void AUDIT_is_the_sum_of_its_ten_items_in_the_WHO_zones(int[] points, int score, string band) =>
        Assert.Equal((score, band), Total("audit", points));

    [Fact]
    public void AUDIT_items_9_and_10_give_only_0_2_or_4()
    {
        var audit = Catalog.Find("audit")!;
        Assert.Equal("9", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(audit, new Dictionary<string, int> { ["9"] = 1 })).Item);
    }

    [Fact]
    public void A_missing_item_gives_no_score_where_the_source_defines_no_prorating()
    {
        var answers = Answers(3, 3, 3, 3, 3, 3, 3, 3);
        var total = InstrumentScoring.Score(Catalog.Find("phq-9")!, answers).Scales.Single();
        Assert.Null(total.Score);
        Assert.Null(total.Band);
        Assert.Equal(1, total.Missing);
        Assert.All(Catalog.Instruments.Values.SelectMany(i => i.Scales), s => Assert.Equal(0, s.MaxMissing));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    public void PHQ_9_item_9_above_0_is_a_crisis_alert_whatever_the_total(int item9, bool alert)
    {
        var result = InstrumentScoring.Score(Catalog.Find("phq-9")!, Answers(0, 0, 0, 0, 0, 0, 0, 0, item9));
        Assert.Equal(alert, result.Alerts.Any(a => a is { Item: "9", Kind: "crisis" }));
        Assert.Equal("minimal", result.Scales.Single().Band!.Id);
    }

    [Fact]
    public void An_answer_that_is_not_the_items_is_refused_with_the_item_named()
    {
        var phq9 = Catalog.Find("phq-9")!;
        Assert.Equal("4", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(phq9, new Dictionary<string, int> { ["4"] = 4 })).Item);
        Assert.Equal("10", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(phq9, new Dictionary<string, int> { ["10"] = 1 })).Item);
    }

    [Fact]
    public void Every_instrument_cites_its_source_and_speaks_swedish_and_english()
    {
        Assert.Equal(["audit", "audit-c", "epds", "eq-5d-5l", "gad-2", "gad-7", "levnadsvanor", "madrs-s", "mna-sf", "phq-2", "phq-9", "who-5"], Catalog.Instruments.Keys);
        Assert.All(Catalog.Instruments.Values, i =>
        {
            Assert.All(i.Sources, s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
            Assert.All(i.Items, item => Assert.False(string.IsNullOrWhiteSpace(item.Text.Sv) || string.IsNullOrWhiteSpace(item.Text.En)));
        });
    }

    // What every test file starts with: id, version, status, names, licence, one source and the intro.
    private const string Header = """
        id: prov
        version: "1"
        status: draft
        name: { sv: Prov, en: Test }
        licence: { sv: Fri, en: Free }
        sources:
          - { id: s, title: T, publisher: P, url: "https://example.org/t" }
        intro: { sv: Hur ofta, en: How often }

        """;

    private const string Good = Header + """
        answer_sets:
          yesno:
            - { points: 0, sv: Nej, en: "No" }
            - { points: 1, sv: Ja, en: "Yes" }
        items:
          - { id: "1", answers: yesno, sv: Ett, en: One }
          - { id: "2", answers: yesno, reversed: true, sv: Två, en: Two }
        scales:
          - id: total
            name: { sv: Summa, en: Total }
            items: ["1", "2"]
            source: s
            bands:
              - { id: low, from: 0, to: 1, sv: Låg, en: Low }
              - { id: high, from: 2, to: 2, sv: Hög, en: High }
        """;

    [Fact]
    public void A_reversed_item_counts_from_the_other_end()
    {
        File.WriteAllText(Path.Combine(_folder, "prov.yaml"), Good);
        var prov = InstrumentCatalog.Load(_folder).Find("prov")!;
        Assert.Equal(2, InstrumentScoring.Score(prov, new Dictionary<string, int> { ["1"] = 1, ["2"] = 0 }).Scales.Single().Score);
        Assert.Equal(0, InstrumentScoring.Score(prov, new Dictionary<string, int> { ["1"] = 0, ["2"] = 1 }).Scales.Single().Score);
    }

    [Theory]
    [InlineData("- { id: high, from: 2, to: 2, sv: Hög, en: High }", "- { id: high, from: 3, to: 3, sv: Hög, en: High }", "utan glapp")]
    [InlineData("- { id: high, from: 2, to: 2, sv: Hög, en: High }", "- { id: high, from: 1, to: 2, sv: Hög, en: High }", "utan glapp")]
    [InlineData("- { id: high, from: 2, to: 2, sv: Hög, en: High }", "- { id: high, from: 2, to: 3, sv: Hög, en: High }", "sluta på högsta")]
    [InlineData("answers: yesno, reversed", "answers: often, reversed", "answer_sets")]
    [InlineData("source: s", "source: x", "källorna")]
    [InlineData("{ id: \"1\", answers: yesno, sv: Ett, en: One }", "{ id: \"1\", answers: yesno, sv: Ett }", "sv och en")]
    [InlineData("url: \"https://example.org/t\"", "url: \"http://example.org/t\"", "https")]
    public void A_file_that_breaks_a_rule_stops_the_start_with_what_is_wrong(string from, string to, string expected) =>
        AssertStopsTheStart(Good.Replace(from, to, StringComparison.Ordinal), expected);

    private void AssertStopsTheStart(string yaml, string expected)
    {
        File.WriteAllText(Path.Combine(_folder, "prov.yaml"), yaml);
        var error = Assert.Throws<ContentException>(() => InstrumentCatalog.Load(_folder));
        Assert.Equal("prov.yaml", error.File);
        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
    }

    // Number items, weights and profiles (EQ-5D-5L, the indicator questions' activity minutes).
    private const string WithNumbersAndProfile = Header + """
        answer_sets:
          level:
            - { points: 1, sv: Ingen, en: None }
            - { points: 2, sv: Lite, en: Some }
        items:
          - { id: "1", answers: level, sv: Ett, en: One }
          - { id: "2", answers: level, weight: 2, sv: Två, en: Two }
          - id: "3"
            sv: Tal
            en: Number
            number: { min: 0, max: 10, low: { sv: Noll, en: Zero }, high: { sv: Tio, en: Ten } }
        scales:
          - id: total
            name: { sv: Summa, en: Total }
            items: ["1", "2", "3"]
            source: s
            bands:
              - { id: low, from: 3, to: 9, sv: Låg, en: Low }
              - { id: high, from: 10, to: 16, sv: Hög, en: High }
          - id: profile
            kind: profile
            name: { sv: Profil, en: Profile }
            items: ["1", "2"]
            source: s
        """;

    [Fact]
    public void A_weighted_item_counts_its_times_and_a_number_counts_as_given()
    {
        File.WriteAllText(Path.Combine(_folder, "prov.yaml"), WithNumbersAndProfile);
        var prov = InstrumentCatalog.Load(_folder).Find("prov")!;
        var result = InstrumentScoring.Score(prov, new Dictionary<string, int> { ["1"] = 2, ["2"] = 2, ["3"] = 7 });
        Assert.Equal((13, "high"), (result.Scales[0].Score!.Value, result.Scales[0].Band!.Id));
        Assert.Equal("22", result.Scales[1].Profile);
    }

    [Theory]
    [InlineData("- { id: high, from: 10, to: 16, sv: Hög, en: High }", "- { id: high, from: 10, to: 15, sv: Hög, en: High }", "16")]
    [InlineData("number: { min: 0, max: 10,", "number: { min: 10, max: 10,", "number behöver")]
    [InlineData("weight: 2,", "weight: 0,", "weight")]
    [InlineData("items: [\"1\", \"2\"]\n    source: s", "items: [\"1\", \"3\"]\n    source: s", "profilens frågor")]
    [InlineData("kind: profile", "kind: mean", "kind")]
    public void A_number_weight_or_profile_that_breaks_a_rule_stops_the_start_with_what_is_wrong(string from, string to, string expected) =>
        AssertStopsTheStart(WithNumbersAndProfile.Replace(from, to, StringComparison.Ordinal), expected);
}
