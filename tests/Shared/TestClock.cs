using System.Globalization;
using Nara.Platform.Time;

namespace Nara.Tests.Infrastructure;

/// <summary>
/// The one "today" of every test: a fixed day, at 10:00 Swedish time, so that no test depends on the date it runs on.
/// Set NARA_TEST_TODAY=yyyy-MM-dd to run the suite on another day (it is run on the 1st, the 15th and the 31st of a
/// month and on 29 February to show that nothing depends on which). The integration host runs on a FakeTimeProvider
/// standing still at <see cref="Now"/>; the browser tests' server starts its clock there (Nara:Clock:Start).
/// </summary>
public static class TestClock
{
    public const string Variable = "NARA_TEST_TODAY";

    /// <summary>A Monday in June, away from the month's ends and from the changes to and from summer time.</summary>
    public static readonly DateOnly DefaultToday = new(2026, 6, 15);

    public static DateOnly Today { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text
        ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : DefaultToday;

    /// <summary>10:00 Swedish time on <see cref="Today"/>, in UTC.</summary>
    public static DateTimeOffset Now { get; } = Stockholm.ToUtc(Today, new TimeOnly(10, 0))!.Value;

    /// <summary>Today as the <c>yyyy-MM-dd</c> a date field takes.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
