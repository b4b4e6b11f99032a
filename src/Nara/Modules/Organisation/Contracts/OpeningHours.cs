namespace Nara.Modules.Organisation.Contracts;

/// <summary>Parses the short opening-hours form used in content and the database ("Mo-Th 08:00-17:00; Fr 08:00-16:00").</summary>
public static class OpeningHours
{
    private static readonly string[] Days = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    /// <summary>One opening span on a weekday.</summary>
    /// <param name="Day">The weekday.</param>
    /// <param name="Opens">Opening time.</param>
    /// <param name="Closes">Closing time.</param>
    public sealed record Span(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

    /// <summary>Parses the short form; on failure <paramref name="error"/> says what is wrong, in Swedish.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<Span> spans, out string? error)
    {
        var result = new List<Span>();
        spans = result;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "tomma öppettider";
            return false;
        }
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (pieces.Length != 2)
            {
                error = $"'{part}' ska vara 'Dag[-Dag] HH:MM-HH:MM'";
                return false;
            }
            var dayRange = pieces[0].Split('-');
            var first = Array.IndexOf(Days, dayRange[0]);
            var last = dayRange.Length == 2 ? Array.IndexOf(Days, dayRange[1]) : first;
            var times = pieces[1].Split('-');
            if (first < 0 || last < first || dayRange.Length > 2 || times.Length != 2
                || !TimeOnly.TryParseExact(times[0], "HH:mm", out var opens)
                || !TimeOnly.TryParseExact(times[1], "HH:mm", out var closes) || closes <= opens)
            {
                error = $"'{part}' kan inte tolkas som öppettider";
                return false;
            }
            for (var d = first; d <= last; d++)
            {
                // Days[] starts on Monday; DayOfWeek starts on Sunday.
                result.Add(new Span((DayOfWeek)((d + 1) % 7), opens, closes));
            }
        }
        return true;
    }
}
