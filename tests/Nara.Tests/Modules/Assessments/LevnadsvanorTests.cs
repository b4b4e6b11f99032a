using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Features;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// Socialstyrelsen's indicator questions on tobacco and physical activity: activity minutes are the training answer's
/// minutes twice plus the everyday answer's minutes, under 150 a week insufficient; smoking and snus read answer by answer.
/// </summary>
public sealed class LevnadsvanorTests
{
    private static readonly Nara.Modules.Assessments.Domain.Instrument Habits =
        InstrumentCatalog.Load(ContentFolder.Find(null, "instruments")).Find("levnadsvanor")!;

    private static Dictionary<string, int> Answers(int training, int everyday, int smoking = 0, int snus = 0) =>
        new() { ["1"] = smoking, ["2"] = snus, ["3"] = training, ["4"] = everyday };

    [Theory]
    [InlineData(45, 75, 165, "sufficient")]    // 30–60 min training (45, twice) and 60–90 min everyday activity (75)
    [InlineData(15, 120, 150, "sufficient")]   // the lowest sufficient: 15 × 2 + 120
    [InlineData(0, 120, 120, "insufficient")]  // 90–150 min of walking alone is under 150 activity minutes
    [InlineData(0, 15, 15, "insufficient")]
    [InlineData(105, 0, 210, "sufficient")]    // 90–120 min of training alone
    [InlineData(0, 0, 0, "insufficient")]
    [InlineData(120, 300, 540, "sufficient")]  // the top answers: 120 × 2 + 300
    public void Activity_minutes_count_training_twice(int training, int everyday, int minutes, string band)
    {
        var activity = InstrumentScoring.Score(Habits, Answers(training, everyday)).Scales[0];
        Assert.Equal(("activity", minutes, band), (activity.Scale, activity.Score!.Value, activity.Band!.Id));
    }

    [Theory]
    [InlineData(4, 0, "smoking-daily", "snus-never")]
    [InlineData(3, 4, "smoking-sometimes", "snus-daily")]
    [InlineData(2, 1, "smoking-recently-stopped", "snus-stopped")]
    public void Smoking_and_snus_are_read_answer_by_answer(int smoking, int snus, string smokingBand, string snusBand)
    {
        var result = InstrumentScoring.Score(Habits, Answers(45, 45, smoking, snus));
        Assert.Equal((smokingBand, snusBand), (result.Scales[1].Band!.Id, result.Scales[2].Band!.Id));
    }

    [Fact]
    public void A_minute_answer_that_is_not_offered_or_a_question_left_out_gives_no_activity_score()
    {
        Assert.Equal("3", Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(Habits, Answers(30, 45))).Item);
        Assert.Null(InstrumentScoring.Score(Habits, new Dictionary<string, int> { ["1"] = 0, ["2"] = 0, ["3"] = 45 }).Scales[0].Score);
        Assert.Equal(["1", "2", "3", "4"], AnswerInstrument.Required(Habits));
        Assert.Equal("draft", Habits.Status);
    }
}
