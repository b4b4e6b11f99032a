using System.Globalization;

namespace Nara.Platform.Time;

/// <summary>
/// The one place that provides the clock. Everything else takes <see cref="TimeProvider"/> from the container and never
/// reads the wall clock (an architecture test holds that), so the same code runs on the system clock in production and
/// on a chosen day in demos, training and tests.
/// </summary>
public static class NaraClock
{
    public const string StartSetting = "Nara:Clock:Start";

    /// <summary>
    /// Registers the system clock, or, when <c>Nara:Clock:Start</c> names a day (<c>2026-06-01</c>) or an instant
    /// (<c>2026-06-01T10:00:00+02:00</c>), a clock that starts there and runs on at the normal pace: the platform then
    /// behaves as on that day (a day alone means 10:00 Swedish time). Refused in Production.
    /// </summary>
    public static IServiceCollection AddNaraClock(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Built when first asked for, so that a bad setting is reported where the start reads its settings (NaraHost).
        services.AddSingleton(_ => From(configuration, environment));
        return services;
    }

    public static TimeProvider From(IConfiguration configuration, IHostEnvironment environment)
    {
        var text = configuration[StartSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeProvider.System;
        }
        if (environment.IsProduction())
        {
            throw new InvalidOperationException($"{StartSetting} flyttar klockan och får inte användas i produktion.");
        }
        if (ParseStart(text) is not { } start)
        {
            throw new InvalidOperationException($"{StartSetting} '{text}' är inte ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt (ISO 8601).");
        }
        return new ShiftedClock(TimeProvider.System, start);
    }

    /// <summary>A day (10:00 Swedish time that day) or an instant with its offset; null when it is neither.</summary>
    public static DateTimeOffset? ParseStart(string text)
    {
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Stockholm.ToUtc(day, new TimeOnly(10, 0));
        }
        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : null;
    }
}

/// <summary>A clock that reads <paramref name="start"/> when created and runs on at the pace of <paramref name="inner"/>.</summary>
public sealed class ShiftedClock(TimeProvider inner, DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - inner.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + _offset;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
