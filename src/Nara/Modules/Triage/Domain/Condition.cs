using System.Globalization;

namespace Nara.Modules.Triage.Domain;

public enum ConditionOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>Three-valued truth: a condition on a question not yet answered is unknown.</summary>
public enum Truth
{
    False,
    True,
    Unknown,
}

/// <summary>
/// One condition as written in a content file: <c>operand op value</c>, e.g. <c>kallsvett = ja</c>,
/// <c>temperatur &gt;= 39</c>, <c>alder_manader &lt; 3</c>, <c>kon = kvinna</c>. The operand is a question id or one of
/// the subject's facts (<see cref="Age"/>, <see cref="AgeMonths"/>, <see cref="Sex"/>).
/// </summary>
public sealed record Condition(string Operand, ConditionOp Op, string Value, decimal? Number, string Text)
{
    public const string Age = "alder";
    public const string AgeMonths = "alder_manader";
    public const string Sex = "kon";
    public static readonly IReadOnlySet<string> SubjectFacts = new HashSet<string>(StringComparer.Ordinal) { Age, AgeMonths, Sex };

    public bool IsOnSubject => SubjectFacts.Contains(Operand);

    private static readonly (string Token, ConditionOp Op)[] Operators =
    [
        (">=", ConditionOp.GreaterOrEqual), ("<=", ConditionOp.LessOrEqual), ("!=", ConditionOp.NotEqual),
        ("=", ConditionOp.Equal), ("<", ConditionOp.Less), (">", ConditionOp.Greater),
    ];

    /// <summary>Parses <c>operand op value</c>; null and a Swedish problem when the text does not have that shape.</summary>
    public static Condition? TryParse(string text, out string? problem)
    {
        problem = null;
        foreach (var (token, op) in Operators)
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }
            var operand = text[..at].Trim();
            var value = text[(at + token.Length)..].Trim();
            if (operand.Length == 0 || value.Length == 0 || operand.Contains(' ', StringComparison.Ordinal) || value.Contains(' ', StringComparison.Ordinal))
            {
                break;
            }
            decimal? number = decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
            if (op is not (ConditionOp.Equal or ConditionOp.NotEqual) && number is null)
            {
                problem = $"villkoret '{text}' jämför med {token} men '{value}' är inget tal";
                return null;
            }
            return new Condition(operand, op, value, number, text);
        }
        problem = $"villkoret '{text}' ska ha formen 'fråga = svar', 'fråga >= tal', 'alder < 18' eller 'kon = kvinna'";
        return null;
    }

    /// <summary>Compares a known value. Numbers compare as numbers, everything else as exact text.</summary>
    public bool Holds(string actual)
    {
        if (Number is { } expected && decimal.TryParse(actual, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return Op switch
            {
                ConditionOp.Equal => value == expected,
                ConditionOp.NotEqual => value != expected,
                ConditionOp.Less => value < expected,
                ConditionOp.LessOrEqual => value <= expected,
                ConditionOp.Greater => value > expected,
                _ => value >= expected,
            };
        }
        return Op switch
        {
            ConditionOp.Equal => string.Equals(actual, Value, StringComparison.Ordinal),
            ConditionOp.NotEqual => !string.Equals(actual, Value, StringComparison.Ordinal),
            _ => false,
        };
    }

    public override string ToString() => Text;
}
