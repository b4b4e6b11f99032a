using System.Text.RegularExpressions;
using Nara.Modules.Triage.Domain;

namespace Nara.Tests.Modules.Triage;

/// <summary>The questions and reasons speak to the right person: "du", "barnet" or "personen" (English: "you" or "they").</summary>
public sealed partial class AddresseeTests
{
    [Theory]
    [InlineData("Har du feber?", AssessmentFor.Child, "Har barnet feber?")]
    [InlineData("Har du feber?", AssessmentFor.Other, "Har personen feber?")]
    [InlineData("Känner du dig mycket sjuk?", AssessmentFor.Other, "Känner personen sig mycket sjuk?")]
    [InlineData("Har du svårt att få i dig dryck?", AssessmentFor.Child, "Har barnet svårt att få i sig dryck?")]
    [InlineData("Gör det ont i din mage?", AssessmentFor.Other, "Gör det ont i personens mage?")]
    [InlineData("Har du ont i din mage?", AssessmentFor.Other, "Har personen ont i sin mage?")]
    [InlineData("Du är under 25 år och det började göra ont i dag.", AssessmentFor.Other, "Personen är under 25 år och det började göra ont i dag.")]
    [InlineData("Har barnet prickar som inte försvinner när du trycker ett glas mot huden?", AssessmentFor.Child, "Har barnet prickar som inte försvinner när du trycker ett glas mot huden?")]
    [InlineData("Har du feber?", AssessmentFor.Self, "Har du feber?")]
    public void Swedish_texts_speak_to_the_person_answered_for(string text, AssessmentFor who, string expected) =>
        Assert.Equal(expected, Addressee.Rewrite(text, who, "sv"));

    [Theory]
    [InlineData("Do you have a fever?", "Do they have a fever?")]
    [InlineData("Are you breathing fast, and is your skin cold?", "Are they breathing fast, and is their skin cold?")]
    [InlineData("Has anyone hit you?", "Has anyone hit them?")]
    [InlineData("You are under 25.", "They are under 25.")]
    public void English_texts_speak_of_them(string text, string expected) =>
        Assert.Equal(expected, Addressee.Rewrite(text, AssessmentFor.Other, "en"));

    [Fact]
    public void Every_question_and_reason_in_the_knowledge_base_reads_without_du_for_a_child_or_someone_else()
    {
        var engine = TriageContent.Engine;
        var problems = new List<string>();
        foreach (var complaint in TriageContent.Knowledge.Complaints)
        {
            var texts = engine.AskingOrder(complaint).SelectMany(q => new[] { q.Text }.Concat(q.Help is null ? [] : [q.Help]).Concat(q.Options.Select(o => o.Text)))
                .Concat(complaint.Rules.Select(r => r.Reason));
            foreach (var text in texts)
            {
                foreach (var who in new[] { AssessmentFor.Child, AssessmentFor.Other })
                {
                    var sv = Addressee.Rewrite(text.Sv, who, "sv");
                    var en = Addressee.Rewrite(text.En, who, "en");
                    if (sv == text.Sv && Regex.IsMatch(text.Sv, @"\b(barnet|personen)\b", RegexOptions.IgnoreCase))
                    {
                        continue;
                    }
                    if (SecondPersonSv().IsMatch(sv))
                    {
                        problems.Add($"{complaint.Id} ({who}): '{sv}'");
                    }
                    if (en == text.En && Regex.IsMatch(text.En, @"\b(the child|the person|the baby)\b", RegexOptions.IgnoreCase))
                    {
                        continue;
                    }
                    if (SecondPersonEn().IsMatch(en))
                    {
                        problems.Add($"{complaint.Id} ({who}): '{en}'");
                    }
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct().Take(40)));
    }

    [GeneratedRegex(@"\b(du|dig|dej|din|ditt|dina)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondPersonSv();

    [GeneratedRegex(@"\b(you|your|yours|yourself)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondPersonEn();
}
