using System.Globalization;
using System.Text;

namespace Nara.Modules.Triage.Domain;

public sealed record ComplaintMatch(Complaint Complaint, double Score, string MatchedWord);

/// <summary>Finds complaints from everyday words, and notices words that mean "call 112" before anything else (see <see cref="ComplaintIndex"/>).</summary>
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

    /// <summary>The emergency phrase or pattern found in the text, if any.</summary>
    public static string? Emergency(KnowledgeBase knowledge, string text) => knowledge.Index.Emergency(text);

    /// <summary>Complaints for this subject whose words match the text, best first.</summary>
    public static IReadOnlyList<ComplaintMatch> Search(KnowledgeBase knowledge, string text, TriageSubject? subject, int max = 8) =>
        knowledge.Index.Search(text, c => subject is null || AppliesTo(c, subject), max);

    public static bool AppliesTo(Complaint complaint, TriageSubject subject) =>
        complaint.AppliesWhen.All(c => subject.Fact(c.Operand) is { } fact && c.Holds(fact));
}
