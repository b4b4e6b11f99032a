using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// The EPDS and the MADRS-S in content/instruments scored exactly as their sources publish them: the EPDS's ten items
/// 0–3 with items 3 and 5–10 scored 3, 2, 1, 0 in the printed order, summed 0–30 in Cox 1987's thresholds 9/10 and
/// 12/13, item 10 above "Never" a crisis alert; the MADRS-S's nine items 0–6 summed 0–54 in one band (no cited severity
/// ranges), item 9 (Livslust) at 4 or more a crisis alert; no score with an item missing (neither source prorates), and
/// an answer an item does not have refused with the item named.
/// </summary>
public sealed class EpdsAndMadrsTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));

    // Answers with the given points, item "1" first.
    private static Dictionary<string, int> Answers(params int[] points) =>
        points.Select((p, i) => (Item: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), p)).ToDictionary(x => x.Item, x => x.p);

    // Answers chosen by their place on the printed form (0 = the first answer printed under the item), as points.
    private static Dictionary<string, int> Printed(string instrument, params int[] places) =>
        Answers(places.Select((place, i) => Catalog.Find(instrument)!.Items[i].Options[place].Points).ToArray());

    private static ScaleScore Total(string instrument, Dictionary<string, int> answers) =>
        InstrumentScoring.Score(Catalog.Find(instrument)!, answers).Scales.Single(s => s.Scale == "total");

    private static (int? Score, string? Band) Total(string instrument, params int[] points)
    {
        var total = Total(instrument, Answers(points));
        return (total.Score, total.Band?.Id);
    }

    private static bool Crisis(string instrument, string item, params int[] points) =>
        InstrumentScoring.Score(Catalog.Find(instrument)!, Answers(points)).Alerts.Any(a => a.Item == item && a.Kind == "crisis");

    // ---- EPDS (Cox, Holden & Sagovsky 1987) ----

    [Fact]
    public void EPDS_loads_with_ten_items_of_four_answers_and_a_total_of_0_to_30()
    {
        var epds = Catalog.Find("epds");
        Assert.NotNull(epds);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), epds.Items.Select(i => i.Id));
        Assert.All(epds.Items, i => Assert.Equal([0, 1, 2, 3], i.Options.Select(o => o.Points).Order()));
        var total = Assert.Single(epds.Scales);
        Assert.Equal(0, total.MaxMissing);
        Assert.Equal((0, 30), (total.Bands[0].From, total.Bands[^1].To));
        Assert.Equal("The thought of harming myself has occurred to me", epds.Items[9].Text.En);
    }

    [Fact]
    public void EPDS_items_3_and_5_to_10_score_3_2_1_0_in_the_printed_order_and_items_1_2_and_4_score_0_1_2_3()
    {
        var epds = Catalog.Find("epds")!;
        int[] reversed = [3, 5, 6, 7, 8, 9, 10];
        foreach (var item in epds.Items)
        {
            var starred = reversed.Contains(int.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture));
            int[] printed = starred ? [3, 2, 1, 0] : [0, 1, 2, 3];
            Assert.Equal(printed, item.Options.Select(o => item.Points(o.Points)));
            // The points are written as the source scores them, so the item is not reversed a second time.
            Assert.False(item.Reversed);
        }
        Assert.Equal(("Yes, most of the time", 3), (epds.Items[2].Options[0].Text.En, epds.Items[2].Points(epds.Items[2].Options[0].Points)));
        Assert.Equal(("Not at all", 3), (epds.Items[0].Options[3].Text.En, epds.Items[0].Points(epds.Items[0].Options[3].Points)));
    }

    [Fact]
    public void EPDS_scores_the_reversed_items_by_their_printed_place()
    {
        // The first answer printed under every item: items 1, 2 and 4 give 0, the seven starred items 3 each:
        // 0 + 0 + 3 + 0 + 3 + 3 + 3 + 3 + 3 + 3 = 21.
        var first = Total("epds", Printed("epds", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        Assert.Equal((21, "probable-depression"), (first.Score, first.Band?.Id));
        // The last answer printed under every item: items 1, 2 and 4 give 3, the starred items 0:
        // 3 + 3 + 0 + 3 + 0 + 0 + 0 + 0 + 0 + 0 = 9.
        var last = Total("epds", Printed("epds", 3, 3, 3, 3, 3, 3, 3, 3, 3, 3));
        Assert.Equal((9, "below-threshold"), (last.Score, last.Band?.Id));
    }

    [Fact]
    public void EPDS_a_mixed_answer_is_the_sum_of_its_points_as_worked_by_hand()
    {
        // 1 "Not quite so much now" 1, 2 "Rather less than I used to" 1, 3 "Yes, some of the time" 2 (second printed of
        // a starred item), 4 "Yes, sometimes" 2, 5 "No, not much" 1, 6 "Yes, sometimes I haven't been coping as well as
        // usual" 2, 7 "Not very often" 1, 8 "Yes, quite often" 2, 9 "Only occasionally" 1, 10 "Never" 0:
        // 1 + 1 + 2 + 2 + 1 + 2 + 1 + 2 + 1 + 0 = 13, the first score above Cox's 12/13.
        var answers = Printed("epds", 1, 1, 1, 2, 2, 1, 2, 1, 2, 3);
        Assert.Equal([1, 1, 2, 2, 1, 2, 1, 2, 1, 0], answers.OrderBy(a => int.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Value));
        var total = Total("epds", answers);
        Assert.Equal((13, "probable-depression"), (total.Score, total.Band?.Id));
    }

    [Theory]
    // Cox 1987: 9/10 the lower threshold suggested for screening in primary care, 12/13 the cut-off for probable
    // depressive illness; a score on each side of each.
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0, "below-threshold")]
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 0 }, 9, "below-threshold")]
    [InlineData(new[] { 2, 1, 1, 1, 1, 1, 1, 1, 1, 0 }, 10, "possible-depression")]
    [InlineData(new[] { 2, 2, 2, 1, 1, 1, 1, 1, 1, 0 }, 12, "possible-depression")]
    [InlineData(new[] { 2, 2, 2, 2, 1, 1, 1, 1, 1, 0 }, 13, "probable-depression")]
    [InlineData(new[] { 3, 3, 3, 3, 3, 3, 3, 3, 3, 3 }, 30, "probable-depression")]
    public void EPDS_is_the_sum_of_its_ten_items_in_Cox_1987s_thresholds(int[] points, int score, string band) =>
        Assert.Equal((score, band), Total("epds", points));

    [Fact]
    public void EPDS_with_an_item_missing_gets_no_score()
    {
        var total = Total("epds", Answers(0, 0, 0, 0, 0, 0, 0, 0, 0));
        Assert.Null(total.Score);
        Assert.Null(total.Band);
        Assert.Equal(1, total.Missing);
        Assert.False(total.Prorated);
    }

    [Fact]
    public void EPDS_refuses_an_answer_the_item_does_not_have_with_the_item_named()
    {
        var epds = Catalog.Find("epds")!;
        Assert.Equal("1", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(epds, new Dictionary<string, int> { ["1"] = 4 })).Item);
        Assert.Equal("10", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(epds, new Dictionary<string, int> { ["10"] = -1 })).Item);
        Assert.Equal("11", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(epds, new Dictionary<string, int> { ["11"] = 0 })).Item);
    }

    [Theory]
    // Item 10 "Never" is 0, "Hardly ever" 1: any answer above "Never" is a crisis alert, whatever the total.
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void EPDS_item_10_above_never_is_a_crisis_alert_whatever_the_total(int item10, bool alert)
    {
        Assert.Equal(alert, Crisis("epds", "10", 0, 0, 0, 0, 0, 0, 0, 0, 0, item10));
        Assert.Equal("below-threshold", Total("epds", 0, 0, 0, 0, 0, 0, 0, 0, 0, item10).Band);
    }

    // ---- MADRS-S (Svanborg & Åsberg 1994) ----

    [Fact]
    public void MADRS_S_loads_with_nine_items_of_seven_steps_and_a_total_of_0_to_54()
    {
        var madrs = Catalog.Find("madrs-s");
        Assert.NotNull(madrs);
        Assert.Equal(9, madrs.Items.Count);
        Assert.All(madrs.Items, i =>
        {
            Assert.Equal([0, 1, 2, 3, 4, 5, 6], i.Options.Select(o => i.Points(o.Points)));
            // Steps 1, 3 and 5 lie between the described steps.
            Assert.All(i.Options.Where(o => o.Points % 2 == 1), o => Assert.Contains("mellan", o.Text.Sv, StringComparison.Ordinal));
            Assert.All(i.Options.Where(o => o.Points % 2 == 1), o => Assert.Contains("between", o.Text.En, StringComparison.Ordinal));
        });
        Assert.StartsWith("Livslust", madrs.Items[8].Text.Sv, StringComparison.Ordinal);
        var total = Assert.Single(madrs.Scales);
        Assert.Equal(0, total.MaxMissing);
        // No severity ranges could be cited: one band over every possible score.
        var band = Assert.Single(total.Bands);
        Assert.Equal((0, 54), (band.From, band.To));
    }

    [Theory]
    [InlineData(new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0)]
    // By hand: 3 + 2 + 4 + 1 + 3 + 5 + 2 + 4 + 0 = 24.
    [InlineData(new[] { 3, 2, 4, 1, 3, 5, 2, 4, 0 }, 24)]
    // By hand: 6 + 5 + 4 + 3 + 2 + 1 + 0 + 1 + 2 = 24, the same total from other steps.
    [InlineData(new[] { 6, 5, 4, 3, 2, 1, 0, 1, 2 }, 24)]
    [InlineData(new[] { 6, 6, 6, 6, 6, 6, 6, 6, 6 }, 54)]
    public void MADRS_S_is_the_sum_of_its_nine_items_in_its_one_band(int[] points, int score) =>
        Assert.Equal((score, "sum"), Total("madrs-s", points));

    [Fact]
    public void MADRS_S_with_an_item_missing_gets_no_score()
    {
        var answers = Answers(6, 6, 6, 6, 6, 6, 6, 6, 6);
        answers.Remove("5");
        var total = Total("madrs-s", answers);
        Assert.Null(total.Score);
        Assert.Null(total.Band);
        Assert.Equal(1, total.Missing);
    }

    [Fact]
    public void MADRS_S_refuses_an_answer_the_item_does_not_have_with_the_item_named()
    {
        var madrs = Catalog.Find("madrs-s")!;
        Assert.Equal("1", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(madrs, new Dictionary<string, int> { ["1"] = 7 })).Item);
        Assert.Equal("9", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(madrs, new Dictionary<string, int> { ["9"] = -1 })).Item);
        Assert.Equal("10", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(madrs, new Dictionary<string, int> { ["10"] = 0 })).Item);
    }

    [Theory]
    // The form at 4: death often seems better and suicide sometimes a possible way out; at 6: convinced the only way
    // out is to die. 3 (between 2, no wish to be dead, and 4) does not alert.
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void MADRS_S_item_9_at_4_or_more_is_a_crisis_alert_whatever_the_total(int item9, bool alert) =>
        Assert.Equal(alert, Crisis("madrs-s", "9", 0, 0, 0, 0, 0, 0, 0, 0, item9));
}
