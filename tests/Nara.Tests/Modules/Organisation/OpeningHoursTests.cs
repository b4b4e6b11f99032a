using Nara.Modules.Organisation.Contracts;

namespace Nara.Tests.Modules.Organisation;

public sealed class OpeningHoursTests
{
    [Fact]
    public void A_weekday_range_opens_each_day_in_it()
    {
        Assert.True(OpeningHours.TryParse("Mo-Fr 08:00-17:00", out var spans, out var error), error);
        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            spans.Select(s => s.Day));
        Assert.All(spans, s =>
        {
            Assert.Equal(new TimeOnly(8, 0), s.Opens);
            Assert.Equal(new TimeOnly(17, 0), s.Closes);
        });
    }

    [Fact]
    public void Parts_separated_by_semicolons_each_give_their_own_hours()
    {
        Assert.True(OpeningHours.TryParse("Mo-Th 08:00-17:00; Fr 08:00-16:00", out var spans, out var error), error);
        Assert.Equal(5, spans.Count);
        Assert.Equal(new OpeningHours.Span(DayOfWeek.Thursday, new TimeOnly(8, 0), new TimeOnly(17, 0)), spans[3]);
        Assert.Equal(new OpeningHours.Span(DayOfWeek.Friday, new TimeOnly(8, 0), new TimeOnly(16, 0)), spans[4]);
    }

    [Fact]
    public void A_single_day_and_Sunday_map_to_the_right_DayOfWeek()
    {
        Assert.True(OpeningHours.TryParse("Sa 10:00-14:00; Su 11:00-13:30", out var spans, out var error), error);
        Assert.Equal(
            [new OpeningHours.Span(DayOfWeek.Saturday, new TimeOnly(10, 0), new TimeOnly(14, 0)), new OpeningHours.Span(DayOfWeek.Sunday, new TimeOnly(11, 0), new TimeOnly(13, 30))],
            spans);
    }

    [Theory]
    [InlineData("Mo-Su 00:00-23:59", 7)]
    [InlineData("Mo-Fr 08:00-16:30", 5)] // the commonest form in content/region/kronoberg.yaml
    [InlineData("Mo 08:00-12:00; Mo 13:00-17:00", 2)] // a lunch closure is two spans on one day
    [InlineData("Mo-Fr  08:00-17:00 ;", 5)] // extra spaces and a trailing separator
    public void Valid_forms_parse(string text, int spanCount)
    {
        Assert.True(OpeningHours.TryParse(text, out var spans, out var error), error);
        Assert.Equal(spanCount, spans.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Mo-Fr")] // no hours
    [InlineData("08:00-17:00")] // no days
    [InlineData("Mo-Fr 08:00-17:00 extra")]
    [InlineData("Må-Fr 08:00-17:00")] // Swedish day names are not the short form
    [InlineData("mo-fr 08:00-17:00")] // day names are case-sensitive
    [InlineData("Fr-Mo 08:00-17:00")] // a range that runs backwards
    [InlineData("Mo-We-Fr 08:00-17:00")]
    [InlineData("Mo 8:00-17:00")] // hours need two digits
    [InlineData("Mo 08:00")]
    [InlineData("Mo 08:00-12:00-17:00")]
    [InlineData("Mo 17:00-08:00")] // closes before it opens
    [InlineData("Mo 08:00-08:00")] // closes as it opens
    [InlineData("Mo 08:00-24:00")] // 24:00 is not a time of day
    [InlineData("Mo-Fr 08:00-17:00; Sa")] // one good part does not save a bad one
    public void Malformed_hours_are_rejected_with_a_reason(string? text)
    {
        Assert.False(OpeningHours.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
