using System.Globalization;
using Nara.Platform.Api;
using Nara.Platform.Time;

namespace Nara.Modules.Monitoring.Components;

/// <summary>Reading the measurement forms' typed fields (a decimal comma or point; a Swedish local time) and turning a refusal into messages per field.</summary>
internal static class MeasurementForm
{
    public static Dictionary<string, string> Read(string? value, string? value2, string? measuredAt, out double? first, out double? second, out DateTimeOffset? at)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        first = Number(value, "value", "Värdet", errors);
        second = Number(value2, "value2", "Det undre värdet", errors);
        at = null;
        if (!string.IsNullOrWhiteSpace(measuredAt))
        {
            if (DateTime.TryParse(measuredAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                && Stockholm.ToUtc(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local)) is { } utc)
            {
                at = utc;
            }
            else
            {
                errors["measuredAt"] = "Skriv datum och tid, till exempel 2026-06-14 08:30.";
            }
        }
        return errors;
    }

    private static double? Number(string? text, string field, string what, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }
        errors[field] = $"{what} ska vara ett tal, till exempel 72 eller 37,5.";
        return null;
    }

    public static Dictionary<string, string> Errors(ProblemException invalid) =>
        (invalid.Errors ?? new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] })
            .ToDictionary(e => e.Key, e => string.Join(" ", e.Value), StringComparer.Ordinal);
}
