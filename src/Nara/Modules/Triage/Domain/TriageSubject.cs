using System.Globalization;

namespace Nara.Modules.Triage.Domain;

/// <summary>Who the assessment is about: age and sex, from the population register.</summary>
public sealed record TriageSubject(int AgeMonths, string Sex)
{
    public const string Woman = "kvinna";
    public const string Man = "man";

    public static TriageSubject From(DateOnly birthDate, bool female, DateOnly today)
    {
        var months = (today.Year - birthDate.Year) * 12 + today.Month - birthDate.Month - (today.Day < birthDate.Day ? 1 : 0);
        return new TriageSubject(Math.Max(0, months), female ? Woman : Man);
    }

    public decimal AgeYears => Math.Round(AgeMonths / 12m, 2);

    public string? Fact(string name) => name switch
    {
        Condition.Age => (AgeMonths / 12).ToString(CultureInfo.InvariantCulture),
        Condition.AgeMonths => AgeMonths.ToString(CultureInfo.InvariantCulture),
        Condition.Sex => Sex,
        _ => null,
    };
}
