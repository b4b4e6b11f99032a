using System.Globalization;
using Nara.Modules.Monitoring.Domain;

namespace Nara.Modules.Monitoring;

/// <summary>
/// The rules a home measurement meets: a unit the measure accepts (converted to its own), each value inside its entry
/// range, a blood pressure's upper above its lower; and how a value is read against the person's limits (the worst
/// breach decides the alert's priority).
/// </summary>
public static class MeasurementRules
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>A value checked and in the measure's own unit, or what is wrong (the field and a Swedish message).</summary>
    public sealed record Checked(double Value, double? Value2, string? Field, string? Error)
    {
        public bool Ok => Error is null;
    }

    /// <summary>
    /// Checks a value (and a blood pressure's second) given in <paramref name="unit"/>: the unit must be one of the
    /// measure's, each value inside its entry range once converted, rounded to the measure's decimals.
    /// </summary>
    public static Checked Check(Measure measure, string? unit, double? value, double? value2)
    {
        var u = string.IsNullOrWhiteSpace(unit) ? measure.Units[0] : measure.FindUnit(unit.Trim());
        if (u is null)
        {
            return Fail("unit", $"Enheten \"{unit}\" passar inte {measure.Name.Sv.ToLower(Swedish)}. Använd {string.Join(" eller ", measure.Units.Select(x => x.Ucum))}.");
        }
        if (value is not { } v || !double.IsFinite(v))
        {
            return Fail("value", $"Ange {measure.Components[0].Name.Sv.ToLower(Swedish)}.");
        }
        var first = Math.Round(u.ToCanonical(v), measure.Decimals, MidpointRounding.AwayFromZero);
        if (Outside(measure.Components[0], first) is { } e1)
        {
            return Fail("value", e1);
        }
        if (measure.Components.Count == 1)
        {
            return value2 is null ? new Checked(first, null, null, null) : Fail("value2", $"{measure.Name.Sv} har bara ett värde.");
        }
        if (value2 is not { } v2 || !double.IsFinite(v2))
        {
            return Fail("value2", $"Ange {measure.Components[1].Name.Sv.ToLower(Swedish)}.");
        }
        var second = Math.Round(u.ToCanonical(v2), measure.Decimals, MidpointRounding.AwayFromZero);
        if (Outside(measure.Components[1], second) is { } e2)
        {
            return Fail("value2", e2);
        }
        return second >= first
            ? Fail("value2", $"{measure.Components[1].Name.Sv} ({Format(measure, second)}) ska vara lägre än {measure.Components[0].Name.Sv.ToLower(Swedish)} ({Format(measure, first)}).")
            : new Checked(first, second, null, null);

        static Checked Fail(string field, string error) => new(0, null, field, error);
    }

    private static string? Outside(MeasureComponent component, double value) =>
        value < component.Min || value > component.Max
            ? $"{component.Name.Sv} {value.ToString(Swedish)} är inte ett möjligt värde (tillåtet {component.Min.ToString(Swedish)}–{component.Max.ToString(Swedish)}). Kontrollera siffrorna och enheten."
            : null;

    /// <summary>The value as the person reads it: "142/91 mm[Hg]", "37,8 Cel".</summary>
    public static string Format(Measure measure, double value, double? value2 = null) =>
        (value2 is { } v2 ? $"{Number(measure, value)}/{Number(measure, v2)}" : Number(measure, value)) + " " + measure.Unit;

    private static string Number(Measure measure, double value) => value.ToString("F" + measure.Decimals.ToString(CultureInfo.InvariantCulture), Swedish);

    /// <summary>A measurement read against the person's limits: the worst breach, or null when it is inside them all.</summary>
    public sealed record Breach(AlertPriority Priority, string Reason);

    public static Breach? Against(Measure measure, double value, double? value2, IReadOnlyList<MeasureLimit> limits)
    {
        Breach? worst = null;
        for (var i = 0; i < measure.Components.Count; i++)
        {
            var component = measure.Components[i];
            var v = i == 0 ? value : value2;
            if (v is not { } x || limits.FirstOrDefault(l => l.Component == component.Id) is not { } limit)
            {
                continue;
            }
            var breach = x > limit.AlarmHigh ? (AlertPriority.Hog, $"över larmgränsen {Number(measure, limit.AlarmHigh.Value)}")
                : x < limit.AlarmLow ? (AlertPriority.Hog, $"under larmgränsen {Number(measure, limit.AlarmLow.Value)}")
                : x > limit.TargetHigh ? (AlertPriority.Normal, $"över målvärdet {Number(measure, limit.TargetHigh.Value)}")
                : x < limit.TargetLow ? (AlertPriority.Normal, $"under målvärdet {Number(measure, limit.TargetLow.Value)}")
                : ((AlertPriority, string)?)null;
            if (breach is { } b && (worst is null || b.Item1 > worst.Priority))
            {
                var part = measure.Components.Count > 1 ? $" ({component.Name.Sv.ToLower(Swedish)})" : "";
                worst = new Breach(b.Item1, $"{measure.Name.Sv} {Format(measure, value, value2)}: {b.Item2}{part}");
            }
        }
        return worst;
    }
}
