using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth;
using Nara.Modules.MentalHealth.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.MentalHealth;

/// <summary>
/// The stepped-care rules read against scores: each band proposes its step, the highest of PHQ-9 and GAD-7 wins, a
/// positive screen alone asks for the full instrument, and after six weeks on a step without a 50 % fall the next step
/// up is proposed (not before, not with a response, not above the top). The content refers only to instruments and bands
/// that exist, and the programmes load with their modules.
/// </summary>
public sealed class SteppedCareRulesTests
{
    private static readonly SteppedCareContent Content = SteppedCareContent.Load(ContentFolder.Find(null, "stepped-care"));
    private static readonly InstrumentCatalog Instruments = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    private static InstrumentScore Score(string instrument, int score, DateTimeOffset at, bool crisis = false)
    {
        var scale = Instruments.Find(instrument)!.Scales[0];
        var band = scale.Bands.Single(b => score >= b.From && score <= b.To);
        return new InstrumentScore(instrument, at, score, band.Id, crisis, instrument.ToUpperInvariant(), band.Text);
    }

    [Fact]
    public void The_rules_name_only_instruments_and_bands_that_exist_and_every_step_is_reachable()
    {
        foreach (var rule in Content.Proposals)
        {
            Assert.Contains(Instruments.Find(rule.Instrument)!.Scales[0].Bands, b => b.Id == rule.Band);
        }
        foreach (var rule in Content.Opens)
        {
            Assert.All(rule.Bands, band => Assert.Contains(Instruments.Find(rule.Instrument)!.Scales[0].Bands, b => b.Id == band));
            Assert.True(rule.FollowUp is null || Instruments.Find(rule.FollowUp) is not null);
        }
        Assert.Equal(["sjalvhjalp", "guidad-ikbt", "psykolog", "psykiatri"], Content.Steps.Select(s => s.Id));
        Assert.Equal((3, 6, 50, "draft"), (Content.FirstAssessmentDays, Content.StepUpWeeks, Content.ResponsePercent, Content.Status));
    }

    [Theory]
    [InlineData("phq-9", 4, null)]
    [InlineData("phq-9", 5, "sjalvhjalp")]
    [InlineData("phq-9", 9, "sjalvhjalp")]
    [InlineData("phq-9", 10, "guidad-ikbt")]
    [InlineData("phq-9", 15, "psykolog")]
    [InlineData("phq-9", 27, "psykolog")]
    [InlineData("gad-7", 4, null)]
    [InlineData("gad-7", 7, "sjalvhjalp")]
    [InlineData("gad-7", 12, "guidad-ikbt")]
    [InlineData("gad-7", 15, "psykolog")]
    public void A_band_proposes_its_step(string instrument, int score, string? step)
    {
        var proposal = SteppedCareRules.Propose(Content, [Score(instrument, score, Now.AddDays(-1))], null, null, Now);
        Assert.Equal(step, proposal.Step);
        Assert.False(proposal.StepUp);
    }

    [Fact]
    public void The_latest_score_of_each_instrument_counts_and_the_highest_step_wins()
    {
        var scores = new[] { Score("phq-9", 22, Now.AddDays(-30)), Score("phq-9", 7, Now.AddDays(-2)), Score("gad-7", 11, Now.AddDays(-2)) };
        var proposal = SteppedCareRules.Propose(Content, scores, null, null, Now);
        Assert.Equal("guidad-ikbt", proposal.Step);
        Assert.Equal(2, proposal.Reasons.Count);
        Assert.StartsWith("GAD-7 11 poäng (måttliga symtom", proposal.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_positive_screen_alone_asks_for_the_full_instrument_and_a_crisis_answer_is_said_first()
    {
        var screen = SteppedCareRules.Propose(Content, [Score("phq-2", 4, Now.AddDays(-1))], null, null, Now);
        Assert.Null(screen.Step);
        Assert.Equal("phq-9", screen.FollowUp);
        var followed = SteppedCareRules.Propose(Content, [Score("phq-2", 4, Now.AddDays(-3)), Score("phq-9", 11, Now.AddDays(-1), crisis: true)], null, null, Now);
        Assert.Equal(("guidad-ikbt", (string?)null), (followed.Step, followed.FollowUp));
        Assert.StartsWith("Ett svar har gett krislarm", followed.Reasons[0], StringComparison.Ordinal);
        Assert.NotNull(SteppedCareRules.Opens(Content, "gad-2", "positive"));
        Assert.Null(SteppedCareRules.Opens(Content, "phq-9", "mild"));
    }

    [Theory]
    [InlineData(12, 8, 42, true)]     // a fall of 4 (33 %) after six weeks: step up
    [InlineData(12, 6, 42, false)]    // exactly 50 %: response
    [InlineData(12, 7, 42, true)]     // 42 %: no response
    [InlineData(12, 8, 41, false)]    // not yet six weeks on the step
    [InlineData(12, 14, 60, true)]    // worse
    public void No_response_after_six_weeks_proposes_the_next_step_up(int baseline, int latest, int days, bool stepUp)
    {
        var since = Now.AddDays(-days);
        var scores = new[] { Score("phq-9", baseline, since.AddDays(-1)), Score("phq-9", latest, Now.AddDays(-1)) };
        var proposal = SteppedCareRules.Propose(Content, scores, "sjalvhjalp", since, Now);
        Assert.Equal(stepUp, proposal.StepUp);
        if (stepUp)
        {
            Assert.Equal("guidad-ikbt", proposal.Step);
            Assert.Contains(proposal.Reasons, r => r.StartsWith("Ingen respons efter 6 veckor på Digital självhjälp", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Without_a_new_score_the_rules_ask_for_one_and_above_the_top_step_they_propose_a_review()
    {
        var since = Now.AddDays(-50);
        var none = SteppedCareRules.Propose(Content, [Score("phq-9", 16, since.AddDays(-2))], "psykolog", since, Now);
        Assert.Equal(("psykolog", false, "phq-9"), (none.Step, none.StepUp, none.FollowUp));
        var top = SteppedCareRules.Propose(Content, [Score("phq-9", 16, since.AddDays(-2)), Score("phq-9", 15, Now.AddDays(-1))], "psykiatri", since, Now);
        Assert.False(top.StepUp);
        Assert.Contains(top.Reasons, r => r.Contains("inget högre steg", StringComparison.Ordinal));
    }

    [Fact]
    public void The_programmes_load_as_drafts_with_their_modules_at_steps_that_exist()
    {
        var programmes = ProgrammeCatalog.Load(ContentFolder.Find(null, "self-help"));
        Assert.Equal(["oro-nedstamdhet", "somn"], programmes.Programmes.Keys);
        foreach (var p in programmes.Programmes.Values)
        {
            Assert.Equal("draft", p.Status);
            Assert.InRange(p.Modules.Count, 5, 6);
            Assert.All(p.Steps, s => Assert.NotNull(Content.Step(s)));
            Assert.Contains("90101", p.Intro.Sv, StringComparison.Ordinal);
            Assert.Equal(Enumerable.Range(1, p.Modules.Count), p.Modules.Select(m => m.Number));
        }
    }
}
