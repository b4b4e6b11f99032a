using System.Text;
using System.Text.RegularExpressions;

namespace Nara.Modules.Triage.Domain;

/// <summary>Who an assessment is about, as seen by the person answering.</summary>
public enum AssessmentFor
{
    /// <summary>The person answering: "du".</summary>
    Self,

    /// <summary>A child a guardian answers for: "barnet".</summary>
    Child,

    /// <summary>An adult a relative answers for, anonymously: "personen".</summary>
    Other,
}

/// <summary>
/// Makes the knowledge base's texts speak to the right person. The content is written to "du"; for a child it becomes
/// "barnet" and for someone else "personen" ("Har du feber?" → "Har barnet feber?", "Känner du dig" → "Känner barnet
/// sig", "din mage" → "barnets mage", but "din" after "du" in the same sentence → "sin"). English becomes "they".
/// A text that already names "barnet", "personen", "the child" or "the person" is written to the one answering about
/// someone else ("när du trycker ett glas mot huden") and is left as it is.
/// </summary>
public static partial class Addressee
{
    [GeneratedRegex(@"\b(barnet|barnets|personen|personens|the child|the person|the baby)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AlreadyThirdPerson();

    [GeneratedRegex(@"(\p{L}+|[^\p{L}]+)")]
    private static partial Regex Tokens();

    private static readonly HashSet<string> ObjectBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "for", "with", "at", "on", "in", "from", "about", "by", "of", "near", "around", "hit", "bit", "stung", "help", "helps",
        "make", "makes", "made", "give", "gives", "keep", "keeps", "wake", "woke", "bother", "bothers", "stop", "stops", "let", "lets",
        "tell", "told", "than", "like",
    };

    public static string Rewrite(string text, AssessmentFor who, string culture)
    {
        if (who == AssessmentFor.Self || AlreadyThirdPerson().IsMatch(text))
        {
            return text;
        }
        return culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English(text) : Swedish(text, who == AssessmentFor.Child ? "barnet" : "personen");
    }

    public static LocalText Rewrite(LocalText text, AssessmentFor who) => new(Rewrite(text.Sv, who, "sv"), Rewrite(text.En, who, "en"));

    private static string Swedish(string text, string noun)
    {
        var builder = new StringBuilder(text.Length + 16);
        var subjectNamed = false;
        foreach (Match match in Tokens().Matches(text))
        {
            var token = match.Value;
            if (!char.IsLetter(token[0]))
            {
                if (token.IndexOfAny(['.', '?', '!', ';', ':']) >= 0)
                {
                    subjectNamed = false;
                }
                builder.Append(token);
                continue;
            }
            var lower = token.ToLowerInvariant();
            var replacement = lower switch
            {
                "du" => noun,
                "dig" or "dej" => subjectNamed ? "sig" : noun,
                "din" => subjectNamed ? "sin" : noun + "s",
                "ditt" => subjectNamed ? "sitt" : noun + "s",
                "dina" => subjectNamed ? "sina" : noun + "s",
                _ => null,
            };
            if (lower == "du")
            {
                subjectNamed = true;
            }
            builder.Append(replacement is null ? token : char.IsUpper(token[0]) ? Capital(replacement) : replacement);
        }
        return builder.ToString();
    }

    private static string English(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        string? previousWord = null;
        foreach (Match match in Tokens().Matches(text))
        {
            var token = match.Value;
            if (!char.IsLetter(token[0]))
            {
                if (token.IndexOfAny(['.', '?', '!', ';', ':', ',']) >= 0)
                {
                    previousWord = null;
                }
                builder.Append(token);
                continue;
            }
            var lower = token.ToLowerInvariant();
            var replacement = lower switch
            {
                "you" => previousWord is not null && ObjectBefore.Contains(previousWord) ? "them" : "they",
                "your" => "their",
                "yours" => "theirs",
                "yourself" => "themselves",
                _ => null,
            };
            builder.Append(replacement is null ? token : char.IsUpper(token[0]) ? Capital(replacement) : replacement);
            previousWord = lower;
        }
        return builder.ToString();
    }

    private static string Capital(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
