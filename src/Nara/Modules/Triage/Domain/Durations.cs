using System.Globalization;
using System.Text.RegularExpressions;

namespace Nara.Modules.Triage.Domain;

/// <summary>
/// How long something has lasted, as a resident writes it: "20 minuter", "3 dagar", "2 v", "6 månader", "1,5 år", "5 tim", or a bare
/// number meaning days. Stored and compared in days, so a duration question can hold a history of hours or of years.
/// </summary>
public static partial class Durations
{
    /// <summary>A hundred years: the longest duration a question accepts unless it says less.</summary>
    public const decimal MaxDays = 36500m;

    /// <summary>The units the form offers, with their length in days.</summary>
    public static readonly IReadOnlyList<(string Id, decimal Days)> Units =
    [
        ("minuter", 1m / 1440m), ("timmar", 1m / 24m), ("dagar", 1m), ("veckor", 7m), ("manader", 30m), ("ar", 365m),
    ];

    private static readonly (string Word, decimal Days)[] Words =
    [
        ("min", 1m / 1440m), ("minut", 1m / 1440m), ("minuter", 1m / 1440m), ("minute", 1m / 1440m), ("minutes", 1m / 1440m),
        ("h", 1m / 24m), ("t", 1m / 24m), ("tim", 1m / 24m), ("timme", 1m / 24m), ("timmar", 1m / 24m), ("hour", 1m / 24m), ("hours", 1m / 24m),
        ("d", 1m), ("dag", 1m), ("dagar", 1m), ("dygn", 1m), ("day", 1m), ("days", 1m),
        ("v", 7m), ("vecka", 7m), ("veckor", 7m), ("w", 7m), ("week", 7m), ("weeks", 7m),
        ("mån", 30m), ("månad", 30m), ("månader", 30m), ("man", 30m), ("manad", 30m), ("manader", 30m), ("month", 30m), ("months", 30m),
        ("år", 365m), ("ar", 365m), ("y", 365m), ("year", 365m), ("years", 365m),
    ];

    [GeneratedRegex(@"^(\d+(?:[.,]\d+)?)\s*([\p{L}]*)\.?$")]
    private static partial Regex Pattern();

    /// <summary>The number of days, or null when the text is not a duration.</summary>
    public static decimal? ToDays(string text)
    {
        var match = Pattern().Match(text.Trim().ToLowerInvariant());
        if (!match.Success || !decimal.TryParse(match.Groups[1].Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }
        var word = match.Groups[2].Value;
        var factor = word.Length == 0 ? 1m : Words.FirstOrDefault(w => w.Word == word).Days;
        return factor == 0 ? null : Math.Round(number * factor, 4);
    }

    public static string Problem(Question question) => string.Create(CultureInfo.GetCultureInfo("sv-SE"),
        $"Skriv hur länge, till exempel 3 dagar, 2 veckor eller 1 år (högst {Text(question.Max ?? MaxDays, "sv")}), eller vet inte.");

    /// <summary>Days as a person would say them: "20 minuter", "5 timmar", "3 dagar", "2 veckor", "4 månader", "2 år".</summary>
    public static string Text(decimal days, string culture)
    {
        var en = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var format = CultureInfo.GetCultureInfo(en ? "en-GB" : "sv-SE");
        string Say(decimal n, string sv1, string svN, string en1, string enN)
        {
            var rounded = Math.Round(n, 1);
            var one = rounded == 1m;
            return $"{rounded.ToString("0.#", format)} {(en ? (one ? en1 : enN) : (one ? sv1 : svN))}";
        }
        return days switch
        {
            < 1m / 24m => Say(days * 1440m, "minut", "minuter", "minute", "minutes"),
            < 1m => Say(days * 24m, "timme", "timmar", "hour", "hours"),
            >= 365m when days % 365m == 0 || days >= 730m => Say(days / 365m, "år", "år", "year", "years"),
            >= 30m when days % 30m == 0 => Say(days / 30m, "månad", "månader", "month", "months"),
            >= 7m when days % 7m == 0 => Say(days / 7m, "vecka", "veckor", "week", "weeks"),
            _ => Say(days, "dag", "dagar", "day", "days"),
        };
    }
}
