using Nara.Modules.Triage.Domain;

namespace Nara.Tests.Modules.Triage;

/// <summary>
/// A reason may only state what the resident answered. Walking the knowledge base, no rule's reason may use a word that
/// only a question the rule does not depend on brings in: "Ny svår magsmärta" is wrong for a rule that never asked
/// whether the pain is severe. The complaint itself (its title and words) and the person's age and sex count as known.
/// </summary>
public sealed class ReasonTextTests
{
    // Words in questions that claim nothing about the person: how questions are put, and the units of their answers.
    private static readonly HashSet<string> Neutral = new(StringComparer.Ordinal)
    {
        "exempel", "någon", "några", "andra", "annan", "annat", "samma", "sida", "sidan", "gång", "gånger", "länge", "lång",
        "långe", "timm", "vecka", "veck", "månad", "någonting", "något", "allt", "alla", "mest", "både", "helt", "först", "senast",
        "just", "även", "utan", "vara", "varit", "blir", "blivit", "finns", "också", "ditt", "dina", "dess", "deras", "eget",
        "egen", "egna", "själv", "bedöm", "vård", "vården", "vårdcentral", "akutmottagning", "kontakt", "sjukvård", "komm",
        "kommi", "behöv", "blivi", "mella", "vanlig", "dygn", "någo", "mindr", "mer",
        // Advice, not findings: what helps.
        "receptfri", "smärtstill", "mjukgör", "kräm", "örondropp",
        // Conclusions, not findings: what an answer may mean.
        "hjärtinfark",
    };

    [Fact]
    public void No_reason_states_what_its_rule_did_not_ask()
    {
        var engine = TriageContent.Engine;
        var problems = new List<string>();
        foreach (var complaint in TriageContent.Knowledge.Complaints)
        {
            var known = Words(complaint.Title.Sv).Concat(complaint.SynonymsSv.SelectMany(Words)).ToHashSet(StringComparer.Ordinal);
            var asked = engine.AskingOrder(complaint).ToDictionary(q => q.Id, q => Words(q.Text.Sv).ToHashSet(StringComparer.Ordinal));
            foreach (var rule in complaint.Rules)
            {
                var allowed = rule.When.Where(c => asked.ContainsKey(c.Operand)).SelectMany(c => asked[c.Operand]).ToHashSet(StringComparer.Ordinal);
                foreach (var word in Words(rule.Reason.Sv).Distinct(StringComparer.Ordinal))
                {
                    if (known.Contains(word) || allowed.Contains(word) || Neutral.Contains(word))
                    {
                        continue;
                    }
                    var from = asked.Where(a => a.Value.Contains(word)).Select(a => a.Key).ToList();
                    if (from.Count > 0)
                    {
                        problems.Add($"{complaint.Id}/{rule.Id}: the reason says '{word}', which only the question(s) {string.Join(", ", from)} ask, and the rule does not depend on them");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> Words(string text) => ComplaintIndex.Stems(text).Where(w => w.Length >= 4);
}
