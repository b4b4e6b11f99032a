using System.Globalization;
using System.Text;

namespace Nara.Modules.Triage.Domain;

public sealed record ComplaintMatch(Complaint Complaint, double Score, string MatchedWord);

/// <summary>Finds complaints from everyday words, and notices words that mean "call 112" before anything else.</summary>
public static class ComplaintSearch
{
    /// <summary>Lower case, letters and digits only, single spaces. Å, ä and ö are kept: "hål" is not "hal".</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = true;
        foreach (var c in text.ToLower(CultureInfo.GetCultureInfo("sv-SE")))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }
        return builder.ToString().TrimEnd();
    }

    /// <summary>The emergency phrase found in the text, if any.</summary>
    public static string? Emergency(KnowledgeBase knowledge, string text)
    {
        var padded = " " + Normalise(text) + " ";
        return knowledge.Emergency.Sv.Concat(knowledge.Emergency.En)
            .FirstOrDefault(phrase => padded.Contains(" " + Normalise(phrase) + " ", StringComparison.Ordinal));
    }

    /// <summary>Complaints for this subject whose words match the text, best first.</summary>
    public static IReadOnlyList<ComplaintMatch> Search(KnowledgeBase knowledge, string text, TriageSubject? subject, int max = 8)
    {
        var query = Normalise(text);
        if (query.Length == 0)
        {
            return [];
        }
        var queryWords = query.Split(' ');
        var matches = new List<ComplaintMatch>();
        foreach (var complaint in knowledge.Complaints)
        {
            if (subject is not null && !AppliesTo(complaint, subject))
            {
                continue;
            }
            var best = 0.0;
            var word = "";
            foreach (var synonym in complaint.SynonymsSv.Concat(complaint.SynonymsEn).Append(complaint.Title.Sv).Append(complaint.Title.En))
            {
                var s = Normalise(synonym);
                var score = Score(query, queryWords, s);
                if (score > best)
                {
                    (best, word) = (score, synonym);
                }
            }
            if (best > 0)
            {
                matches.Add(new ComplaintMatch(complaint, best, word));
            }
        }
        return matches.OrderByDescending(m => m.Score).ThenBy(m => m.Complaint.Title.Sv, StringComparer.Ordinal).Take(max).ToList();
    }

    public static bool AppliesTo(Complaint complaint, TriageSubject subject) =>
        complaint.AppliesWhen.All(c => subject.Fact(c.Operand) is { } fact && c.Holds(fact));

    // Whole phrase in the text scores highest, then the text as the start of a phrase (typing), then shared words.
    private static double Score(string query, string[] queryWords, string synonym)
    {
        if (synonym.Length == 0)
        {
            return 0;
        }
        if (query == synonym)
        {
            return 100;
        }
        if ((" " + query + " ").Contains(" " + synonym + " ", StringComparison.Ordinal))
        {
            return 50 + synonym.Length;
        }
        if (query.Length >= 3 && synonym.StartsWith(query, StringComparison.Ordinal))
        {
            return 40 + query.Length;
        }
        var synonymWords = synonym.Split(' ');
        var shared = synonymWords.Count(w => w.Length >= 3 && queryWords.Any(q => q == w || (q.Length >= 4 && w.StartsWith(q, StringComparison.Ordinal)) || (w.Length >= 4 && q.StartsWith(w, StringComparison.Ordinal))));
        return shared == 0 ? 0 : 10.0 * shared / synonymWords.Length;
    }
}
