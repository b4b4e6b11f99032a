using Nara.Modules.Triage.Domain;

namespace Nara.Tests.Modules.Triage;

/// <summary>How long, as residents write it, in days; and "vet inte" wherever a number is asked.</summary>
public sealed class DurationTests
{
    [Theory]
    [InlineData("3", 3)]
    [InlineData("3 dagar", 3)]
    [InlineData("1 dag", 1)]
    [InlineData("2 veckor", 14)]
    [InlineData("2v", 14)]
    [InlineData("6 månader", 180)]
    [InlineData("6 mån", 180)]
    [InlineData("1,5 år", 547.5)]
    [InlineData("2 ÅR", 730)]
    [InlineData("12 timmar", 0.5)]
    [InlineData("3 weeks", 21)]
    [InlineData("30 minuter", 0.0208)]
    [InlineData("20 min", 0.0139)]
    public void A_duration_is_read_in_days(string text, double days) =>
        Assert.Equal((decimal)days, Durations.ToDays(text));

    [Theory]
    [InlineData("")]
    [InlineData("några dagar")]
    [InlineData("3 fortnights")]
    [InlineData("-2 dagar")]
    [InlineData("3 dagar 2 timmar")]
    public void What_is_not_a_duration_is_refused(string text) => Assert.Null(Durations.ToDays(text));

    [Theory]
    [InlineData(0.0139, "20 minuter")]
    [InlineData(0.25, "6 timmar")]
    [InlineData(1, "1 dag")]
    [InlineData(3, "3 dagar")]
    [InlineData(14, "2 veckor")]
    [InlineData(180, "6 månader")]
    [InlineData(730, "2 år")]
    [InlineData(1000, "2,7 år")]
    public void Days_are_shown_as_a_person_would_say_them(double days, string text) =>
        Assert.Equal(text, Durations.Text((decimal)days, "sv"));

    [Fact]
    public void Vet_inte_is_accepted_on_number_and_duration_questions_and_a_range_error_says_so()
    {
        var complaint = TriageContent.Knowledge.Find("hosta")!;
        var engine = TriageContent.Engine;
        var duration = engine.FindQuestion(complaint, "varaktighet")!;
        Assert.Equal(TriageEngine.DontKnow, TriageEngine.Normalise(duration, "vet inte", out _));
        Assert.Equal(TriageEngine.DontKnow, TriageEngine.Normalise(duration, "vet_inte", out _));
        Assert.Equal("35", TriageEngine.Normalise(duration, "5 veckor", out _));
        Assert.Null(TriageEngine.Normalise(duration, "20 år", out var problem));
        Assert.Contains("vet inte", problem, StringComparison.Ordinal);
        Assert.Contains("10 år", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_older_person_with_fever_and_phlegm_is_assessed_today_while_a_young_one_cares_for_themself()
    {
        var engine = TriageContent.Engine;
        var cough = TriageContent.Knowledge.Find("hosta")!;
        var answers = new Dictionary<string, string> { ["feber"] = "ja", ["feberdagar"] = "2", ["slem"] = "ja", ["varaktighet"] = "3" };
        var old = TriageContent.Finish(engine, cough, new TriageSubject(81 * 12, TriageSubject.Man), answers);
        var young = TriageContent.Finish(engine, cough, new TriageSubject(29 * 12, TriageSubject.Man), answers);
        Assert.Equal(Nara.Modules.Triage.Contracts.Urgency.VardIdag, old.Urgency);
        Assert.Equal("tecken-VardIdag", old.Rule.Id);
        Assert.Contains("feber", old.Rule.Reason.Sv, StringComparison.Ordinal);
        Assert.Contains("80 år eller äldre", old.Rule.Reason.Sv, StringComparison.Ordinal);
        Assert.Equal(Nara.Modules.Triage.Contracts.Urgency.Egenvard, young.Urgency);
    }

    [Fact]
    public void Not_knowing_how_long_a_fever_has_lasted_counts_as_the_longer_side()
    {
        var engine = TriageContent.Engine;
        var cough = TriageContent.Knowledge.Find("hosta")!;
        var outcome = TriageContent.Finish(engine, cough, new TriageSubject(40 * 12, TriageSubject.Woman),
            new Dictionary<string, string> { ["feber"] = "ja", ["feberdagar"] = TriageEngine.DontKnow, ["varaktighet"] = "5" });
        Assert.Equal(Nara.Modules.Triage.Contracts.Urgency.VardIdag, outcome.Urgency);
        Assert.Equal("feber", outcome.Rule.Id);
    }
}
