namespace Nara.Platform.Time;

/// <summary>Times are stored in UTC and shown in Swedish time.</summary>
public static class Stockholm
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    public static DateTimeOffset ToLocal(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>
    /// "tisdag 24 november 2026 kl. 09:20", in Swedish time: how a time is written in the texts Nära sends and writes into a
    /// thread (confirmations, reminders, call-backs), so that one thread says every time the same way.
    /// </summary>
    public static string InWords(DateTimeOffset instant) =>
        ToLocal(instant).ToString("dddd d MMMM yyyy 'kl.' HH:mm", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"));

    /// <summary>The instant of a Swedish wall-clock time; null for a time that does not exist (the spring-forward hour).</summary>
    public static DateTimeOffset? ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(ToLocal(time.GetUtcNow()).DateTime);

    /// <summary>The Monday of the Swedish (ISO) week a date falls in.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
}
