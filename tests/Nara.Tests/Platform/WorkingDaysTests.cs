using Nara.Platform.Time;

namespace Nara.Tests.Platform;

/// <summary>
/// Swedish working days (Lag (1989:253) om allmänna helgdagar, and the three eves): Easter as published in the almanac,
/// the moving holidays, and answer times that skip them.
/// </summary>
public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_is_as_in_the_almanac(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), WorkingDays.EasterSunday(year));

    [Fact]
    public void The_holidays_of_2026_are_those_of_the_law_and_the_three_eves()
    {
        var expected = new[] { "01-01", "01-06", "04-03", "04-05", "04-06", "05-01", "05-14", "05-24", "06-06", "06-19", "06-20", "10-31", "12-24", "12-25", "12-26", "12-31" };
        Assert.Equal(expected, WorkingDays.HolidaysOf(2026).Select(d => d.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    // Monday 10:00, two working days: end of Wednesday.
    [InlineData("2026-06-15T08:00:00Z", 2, "2026-06-17T22:00:00Z")]
    // Thursday before midsommar: Friday is midsommarafton, so Monday and Tuesday.
    [InlineData("2026-06-18T08:00:00Z", 2, "2026-06-23T22:00:00Z")]
    // Skärtorsdag: långfredag and annandag påsk are not working days.
    [InlineData("2026-04-02T08:00:00Z", 1, "2026-04-07T22:00:00Z")]
    // Zero days on a Saturday: the end of the next working day.
    [InlineData("2026-06-13T08:00:00Z", 0, "2026-06-15T22:00:00Z")]
    // Late on Friday 23:30 Swedish time is still Friday.
    [InlineData("2026-06-12T21:30:00Z", 1, "2026-06-15T22:00:00Z")]
    // Winter time, over Christmas (julafton to annandag jul): Tuesday, Wednesday, Monday; midnight is 23:00 UTC.
    [InlineData("2026-12-21T08:00:00Z", 3, "2026-12-28T23:00:00Z")]
    public void An_answer_time_ends_at_midnight_after_the_last_working_day(string from, int days, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            WorkingDays.EndOfWorkingDaysAfter(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));
}
