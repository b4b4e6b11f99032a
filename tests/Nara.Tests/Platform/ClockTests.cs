using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Nara.Platform.Time;

namespace Nara.Tests.Platform;

/// <summary>The one clock: the system's, or for demos, training and tests one that starts on a chosen day and runs on.</summary>
public sealed class ClockTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Nara";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private static IConfiguration Settings(string? start) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [NaraClock.StartSetting] = start }).Build();

    [Fact]
    public void Without_a_start_the_clock_is_the_systems()
    {
        Assert.Equal("SystemTimeProvider", NaraClock.From(Settings(null), new Environment("Production")).GetType().Name);
    }

    [Fact]
    public void A_day_means_ten_in_the_morning_Swedish_time_and_an_instant_keeps_its_offset()
    {
        Assert.Equal(new DateTimeOffset(2028, 2, 29, 9, 0, 0, TimeSpan.Zero), NaraClock.ParseStart("2028-02-29"));
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero), NaraClock.ParseStart("2026-06-15"));
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero), NaraClock.ParseStart("2026-12-31T23:30:00+01:00"));
        Assert.Null(NaraClock.ParseStart("31/12/2026"));
    }

    [Fact]
    public void A_shifted_clock_starts_on_the_day_and_runs_on_at_the_normal_pace()
    {
        var inner = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new ShiftedClock(inner, new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 6, 15), Stockholm.Today(clock));
        inner.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 9, 30, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public void A_start_is_refused_in_production_and_a_bad_one_is_named()
    {
        var production = Assert.Throws<InvalidOperationException>(() => NaraClock.From(Settings("2026-06-15"), new Environment("Production")));
        Assert.Contains("produktion", production.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<InvalidOperationException>(() => NaraClock.From(Settings("igår"), new Environment("Development")));
        Assert.Contains("'igår'", bad.Message, StringComparison.Ordinal);
        Assert.IsType<ShiftedClock>(NaraClock.From(Settings("2026-06-15"), new Environment("Development")));
    }
}
