using System.Globalization;
using Nara.Modules.Monitoring.Content;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Time;

namespace Nara.Modules.Monitoring;

/// <summary>
/// Reads a device's CSV export of home measurements: a header naming the columns (time, measure, value and unit, in
/// Swedish or English: <c>tid;mått;värde;enhet</c> or <c>time,measure,value,unit</c>), then one measurement a line. The
/// separator is the header's (comma or semicolon; with semicolons a decimal comma is read). A blood pressure's value is
/// "142/91". Times are ISO 8601, Swedish time unless an offset is given. Every line is checked as an entered value is,
/// and every wrong line is named; nothing is kept unless every line is right.
/// </summary>
public static class MeasurementCsv
{
    public sealed record Row(Measure Measure, double Value, double? Value2, DateTimeOffset MeasuredAt);

    /// <summary>The rows, or the lines that are wrong (key <c>csv.line{n}</c>, at most the reader's limit).</summary>
    public sealed record Result(IReadOnlyList<Row> Rows, IReadOnlyDictionary<string, string[]> Errors);

    private static readonly string[][] Headers =
    [
        ["tid", "time", "measured_at", "datum"],
        ["mått", "matt", "measure", "typ", "type"],
        ["värde", "varde", "value"],
        ["enhet", "unit"],
    ];

    public static Result Read(TextReader reader, MeasureCatalog catalog, DateTimeOffset now, int maxRows, int maxErrors = 20)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var rows = new List<Row>();
        var header = reader.ReadLine();
        if (header is null || header.Trim().Length == 0)
        {
            return new Result([], new Dictionary<string, string[]> { ["csv"] = ["Filen är tom. Första raden ska vara rubrikerna tid;mått;värde;enhet."] });
        }
        var separator = header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var names = header.TrimStart('\uFEFF').Split(separator).Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToList();
        var columns = Headers.Select(aliases => names.FindIndex(n => aliases.Contains(n))).ToArray();
        if (columns.Take(3).Any(c => c < 0))
        {
            return new Result([], new Dictionary<string, string[]> { ["csv.line1"] = ["Rad 1: rubrikerna ska vara tid, mått, värde och enhet (eller time, measure, value, unit)."] });
        }
        var decimalComma = separator == ';';
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }
            if (rows.Count + errors.Count >= maxRows)
            {
                errors["csv"] = [$"Filen har fler än {maxRows:N0} mätvärden. Dela upp den."];
                break;
            }
            var cells = text.Split(separator).Select(c => c.Trim().Trim('"')).ToArray();
            string Cell(int column) => column >= 0 && column < cells.Length ? cells[column] : "";
            var error = ReadLine(catalog, Cell(columns[0]), Cell(columns[1]), Cell(columns[2]), columns[3] >= 0 ? Cell(columns[3]) : null, decimalComma, now, out var row);
            if (error is not null)
            {
                if (errors.Count < maxErrors)
                {
                    errors[$"csv.line{line}"] = [$"Rad {line}: {error}"];
                }
                else
                {
                    errors["csv"] = ["Fler rader är fel. Rätta dem ovan och försök igen."];
                }
                continue;
            }
            rows.Add(row!);
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors["csv"] = ["Filen har inga mätvärden under rubrikraden."];
        }
        return new Result(errors.Count == 0 ? rows : [], errors);
    }

    private static string? ReadLine(MeasureCatalog catalog, string when, string what, string value, string? unit, bool decimalComma, DateTimeOffset now, out Row? row)
    {
        row = null;
        var measure = catalog.Find(what.ToLowerInvariant()) ?? catalog.Measures.FirstOrDefault(m => string.Equals(m.Name.Sv, what, StringComparison.OrdinalIgnoreCase) || string.Equals(m.Name.En, what, StringComparison.OrdinalIgnoreCase));
        if (measure is null)
        {
            return $"måttet \"{what}\" finns inte (till exempel blood-pressure, weight eller glucose).";
        }
        if (!TryTime(when, out var measuredAt))
        {
            return $"tiden \"{when}\" går inte att läsa (skriv till exempel 2026-06-14 08:30).";
        }
        if (measuredAt > now.AddMinutes(5))
        {
            return "tiden är i framtiden.";
        }
        var parts = value.Split('/');
        if (parts.Length > 2 || !TryNumber(parts[0], decimalComma, out var first) || (parts.Length == 2 && !TryNumber(parts[1], decimalComma, out _)))
        {
            return $"värdet \"{value}\" är inte ett tal.";
        }
        double? second = parts.Length == 2 && TryNumber(parts[1], decimalComma, out var s) ? s : null;
        var checkedValues = MeasurementRules.Check(measure, string.IsNullOrEmpty(unit) ? null : unit, first, second);
        if (!checkedValues.Ok)
        {
            return checkedValues.Error;
        }
        row = new Row(measure, checkedValues.Value, checkedValues.Value2, measuredAt);
        return null;
    }

    private static bool TryNumber(string text, bool decimalComma, out double value) =>
        double.TryParse(decimalComma ? text.Replace(',', '.') : text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryTime(string text, out DateTimeOffset at)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(text))
        {
            at = withOffset.ToUniversalTime();
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            && Stockholm.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)) is { } utc)
        {
            at = utc;
            return true;
        }
        at = default;
        return false;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}
