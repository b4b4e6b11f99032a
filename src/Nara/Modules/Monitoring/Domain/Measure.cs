using Nara.Platform.Content;

namespace Nara.Modules.Monitoring.Domain;

/// <summary>
/// Something a person measures at home (content/measures): its LOINC code, the UCUM units accepted and how they convert
/// to its own unit (the first), the decimals kept, and what is entered (one value, or a blood pressure's two) with the
/// range an entry must fall in.
/// </summary>
public sealed record Measure(string Id, Bilingual Name, string Loinc, bool VitalSign, IReadOnlyList<MeasureUnit> Units, int Decimals,
    IReadOnlyList<MeasureComponent> Components, string Source)
{
    /// <summary>The measure's own unit, in which values are kept.</summary>
    public string Unit => Units[0].Ucum;

    public MeasureUnit? FindUnit(string ucum) => Units.FirstOrDefault(u => u.Ucum == ucum);
}

/// <summary>A UCUM unit and how a value in it converts to the measure's own: <c>value × Factor + Offset</c>.</summary>
public sealed record MeasureUnit(string Ucum, double Factor, double Offset, string Source)
{
    public double ToCanonical(double value) => value * Factor + Offset;
}

/// <summary>What is entered: a blood pressure's systolic or diastolic, or a measure's one value; with its entry range.</summary>
public sealed record MeasureComponent(string Id, string Loinc, Bilingual Name, double Min, double Max);
