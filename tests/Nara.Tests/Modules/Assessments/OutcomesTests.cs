using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// Response and remission as measurement-based care reads a PHQ-9 course (Löwe et al. 2004): response a fall of at least
/// 50 % from the first score, remission a latest score below 5 after a first score of 5 or more; GAD-7 read the same way.
/// </summary>
public sealed class OutcomesTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));

    [Theory]
    [InlineData(15, 7, true, false)]    // a fall of 8 (53 %): response
    [InlineData(15, 8, false, false)]   // a fall of 7 (47 %): not yet
    [InlineData(10, 5, true, false)]    // exactly 50 %: response; 5 is mild, not remission
    [InlineData(12, 4, true, true)]     // below 5: remission
    [InlineData(20, 14, false, false)]
    [InlineData(3, 2, false, false)]    // began in the minimal band: no remission to reach
    [InlineData(0, 0, false, false)]    // no symptoms: nothing to respond
    [InlineData(8, 14, false, false)]   // worse
    public void A_PHQ9_course_reads_as_published(int first, int latest, bool response, bool remission)
    {
        var scale = Catalog.Find("phq-9")!.Scales[0];
        var course = Outcomes.Of(scale, [first, 11, latest])!;
        Assert.Equal((first, latest, latest - first, response, remission), (course.First, course.Latest, course.Change, course.Response!.Value, course.Remission!.Value));
    }

    [Fact]
    public void One_score_has_no_course_yet_and_a_scale_without_an_outcome_gives_only_the_change()
    {
        Assert.Null(Outcomes.Of(Catalog.Find("phq-9")!.Scales[0], []));
        var single = Outcomes.Of(Catalog.Find("gad-7")!.Scales[0], [12])!;
        Assert.Equal((12, 12, 0), (single.First, single.Latest, single.Change));
        Assert.Null(single.Response);
        var who5 = Outcomes.Of(Catalog.Find("who-5")!.Scales[0], [40, 68])!;
        Assert.Equal(28, who5.Change);
        Assert.Null(who5.Remission);
        Assert.True(Outcomes.Of(Catalog.Find("gad-7")!.Scales[0], [16, 4])!.Remission);
    }
}
