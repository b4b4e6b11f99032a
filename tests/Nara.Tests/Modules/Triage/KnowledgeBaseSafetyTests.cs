using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;

namespace Nara.Tests.Modules.Triage;

/// <summary>
/// The safety properties of En väg in, checked over the whole knowledge base by walking every path the engine can take
/// for people of both sexes at every age where the rules change (docs/triage.md).
/// </summary>
public sealed class KnowledgeBaseSafetyTests
{
    public static TheoryData<string> Complaints()
    {
        var data = new TheoryData<string>();
        foreach (var c in TriageContent.Knowledge.Complaints)
        {
            data.Add(c.Id);
        }
        return data;
    }

    private static Complaint Get(string id) => TriageContent.Knowledge.Find(id)!;

    [Theory]
    [MemberData(nameof(Complaints))]
    public void Every_path_ends_in_an_outcome_with_text_and_a_source(string id)
    {
        var engine = TriageContent.Engine;
        var complaint = Get(id);
        var paths = 0;
        foreach (var subject in TriageContent.Subjects().Where(s => ComplaintSearch.AppliesTo(complaint, s)))
        {
            foreach (var path in TriageContent.Walk(engine, complaint, subject, max: 5000))
            {
                paths++;
                var rule = path.Outcome.Rule;
                Assert.False(string.IsNullOrWhiteSpace(rule.Reason.Sv), $"{id}/{rule.Id}: no Swedish reason");
                Assert.False(string.IsNullOrWhiteSpace(rule.Reason.En), $"{id}/{rule.Id}: no English reason");
                Assert.NotNull(complaint.Source(rule.SourceId));
                Assert.StartsWith("https://", path.Outcome.Source.Url, StringComparison.Ordinal);
                if (rule.Urgency == Urgency.Egenvard)
                {
                    Assert.True(complaint.SelfCare is { Advice.Count: > 0, SeekCareIf.Count: > 0 }, $"{id}/{rule.Id}: self-care without advice");
                }
            }
        }
        Assert.True(paths > 0, $"{id}: no path for any subject");
    }

    [Theory]
    [MemberData(nameof(Complaints))]
    public void Adding_a_red_flag_never_lowers_the_urgency_and_dont_know_counts_as_yes(string id)
    {
        var engine = TriageContent.Engine;
        var complaint = Get(id);
        var flags = complaint.Questions.Where(q => q.RedFlag).Select(q => q.Id).ToHashSet();
        foreach (var subject in TriageContent.Subjects().Where(s => s.AgeMonths is 1 or 18 or 15 * 12 or 45 * 12 or 85 * 12 && ComplaintSearch.AppliesTo(complaint, s)))
        {
            foreach (var path in TriageContent.Walk(engine, complaint, subject, max: 1500))
            {
                foreach (var flag in flags)
                {
                    var yes = new Dictionary<string, string>(path.Answers) { [flag] = TriageEngine.Yes };
                    var dontKnow = new Dictionary<string, string>(path.Answers) { [flag] = TriageEngine.DontKnow };
                    var withFlag = TriageContent.Finish(engine, complaint, subject, yes).Urgency;
                    var unsure = TriageContent.Finish(engine, complaint, subject, dontKnow).Urgency;
                    Assert.True(withFlag >= path.Outcome.Urgency,
                        $"{id} for {subject}: '{flag} = ja' gave {withFlag}, lower than {path.Outcome.Urgency} ({string.Join(", ", path.Answers)})");
                    Assert.True(unsure >= withFlag, $"{id} for {subject}: '{flag} = vet_inte' gave {unsure}, lower than 'ja' ({withFlag})");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Complaints))]
    public void Adding_a_sign_never_lowers_the_urgency_and_dont_know_on_a_number_is_the_most_urgent_answer(string id)
    {
        var engine = TriageContent.Engine;
        var complaint = Get(id);
        var signs = complaint.Combination is { } combination ? combination.Signs.Concat(combination.Modifiers).Where(s => !s.When.IsOnSubject).ToList() : [];
        foreach (var subject in TriageContent.Subjects().Where(s => s.AgeMonths is 1 or 18 or 15 * 12 or 45 * 12 or 85 * 12 && ComplaintSearch.AppliesTo(complaint, s)))
        {
            foreach (var path in TriageContent.Walk(engine, complaint, subject, max: 800))
            {
                foreach (var sign in signs)
                {
                    var question = engine.FindQuestion(complaint, sign.When.Operand)!;
                    var value = question.Type switch
                    {
                        QuestionType.YesNo => TriageEngine.Yes,
                        QuestionType.Choice => sign.When.Value,
                        _ => TriageEngine.DontKnow,
                    };
                    var with = TriageContent.Finish(engine, complaint, subject, new Dictionary<string, string>(path.Answers) { [question.Id] = value }).Urgency;
                    Assert.True(with >= path.Outcome.Urgency,
                        $"{id} for {subject}: the sign '{sign.When}' gave {with}, lower than {path.Outcome.Urgency} ({string.Join(", ", path.Answers)})");
                }
                foreach (var (questionId, _) in path.Answers)
                {
                    var question = engine.FindQuestion(complaint, questionId)!;
                    if (question.Type is not (QuestionType.Number or QuestionType.Duration))
                    {
                        continue;
                    }
                    var unsure = TriageContent.Finish(engine, complaint, subject, new Dictionary<string, string>(path.Answers) { [questionId] = TriageEngine.DontKnow }).Urgency;
                    foreach (var value in TriageContent.Values(complaint, question))
                    {
                        var known = TriageContent.Finish(engine, complaint, subject, new Dictionary<string, string>(path.Answers) { [questionId] = value }).Urgency;
                        Assert.True(unsure >= known, $"{id} for {subject}: '{questionId} = vet inte' gave {unsure}, lower than {value} ({known})");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Complaints))]
    public void An_age_or_risk_group_never_escalates_on_its_own_and_a_combination_names_only_what_was_answered(string id)
    {
        var engine = TriageContent.Engine;
        var complaint = Get(id);
        if (complaint.Combination is not { } combination)
        {
            return;
        }
        foreach (var subject in TriageContent.Subjects().Where(s => ComplaintSearch.AppliesTo(complaint, s)))
        {
            foreach (var path in TriageContent.Walk(engine, complaint, subject, max: 1500).Where(p => p.Outcome.Rule.Id.StartsWith("tecken-", StringComparison.Ordinal)))
            {
                var held = path.Outcome.Rule.When;
                Assert.Contains(held, c => combination.Signs.Any(s => s.When == c));
                Assert.All(held.Where(c => !c.IsOnSubject), c => Assert.True(path.Answers.ContainsKey(c.Operand), $"{id}: the reason names '{c}', which was not answered"));
                Assert.True(held.Sum(c => combination.Signs.Concat(combination.Modifiers).First(s => s.When == c).Weight)
                    >= combination.Levels.First(l => l.Urgency == path.Outcome.Urgency).At, $"{id}: the signs named do not reach the level");
                Assert.DoesNotContain("{signs}", path.Outcome.Rule.Reason.Sv, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Complaints))]
    public void Red_flags_are_asked_before_any_other_question(string id)
    {
        var engine = TriageContent.Engine;
        var complaint = Get(id);
        var order = engine.AskingOrder(complaint);
        var firstOther = order.ToList().FindIndex(q => !q.RedFlag);
        Assert.True(firstOther < 0 || order.Skip(firstOther).All(q => !q.RedFlag), $"{id}: a red flag is asked after another question");
    }

    [Fact]
    public void Pregnancy_is_asked_of_women_of_childbearing_age_wherever_it_can_change_the_answer_and_never_of_men()
    {
        var engine = TriageContent.Engine;
        var uses = TriageContent.Knowledge.Complaints.Where(c => c.Rules.Any(r => r.When.Any(w => w.Operand == "gravid"))).ToList();
        Assert.NotEmpty(uses);
        foreach (var complaint in uses)
        {
            var woman = new TriageSubject(28 * 12, TriageSubject.Woman);
            var man = new TriageSubject(28 * 12, TriageSubject.Man);
            if (ComplaintSearch.AppliesTo(complaint, woman))
            {
                Assert.True(TriageContent.Walk(engine, complaint, woman).Any(p => p.Answers.ContainsKey("gravid")), $"{complaint.Id}: never asks a woman of 28 about pregnancy");
            }
            if (ComplaintSearch.AppliesTo(complaint, man))
            {
                Assert.DoesNotContain(TriageContent.Walk(engine, complaint, man), p => p.Answers.ContainsKey("gravid"));
            }
        }
    }

    [Theory]
    [InlineData("kan inte andas")]
    [InlineData("Min pappa kan inte andas!")]
    [InlineData("ansiktet hänger på ena sidan")]
    [InlineData("Han är MEDVETSLÖS")]
    [InlineData("she is unconscious")]
    public void Emergency_words_in_the_search_go_straight_to_112(string text)
    {
        Assert.NotNull(ComplaintSearch.Emergency(TriageContent.Knowledge, text));
        var result = TriageEvaluation.Run(TriageContent.Engine, "t", new TriageSubject(40 * 12, TriageSubject.Man), text, null, new Dictionary<string, string>(), Urgency.Ring112);
        Assert.Equal(Urgency.Ring112, result.Actual);
    }

    [Theory]
    [InlineData("ont i halsen")]
    [InlineData("hosta")]
    [InlineData("jag har andats in rök")]
    public void Ordinary_words_are_not_emergency_words(string text) =>
        Assert.Null(ComplaintSearch.Emergency(TriageContent.Knowledge, text));

    [Fact]
    public void Everyday_words_for_chest_pain_find_the_same_complaint()
    {
        var adult = new TriageSubject(50 * 12, TriageSubject.Man);
        foreach (var text in new[] { "ont i bröstet", "tryck över bröstet", "bröstsmärta", "Chest pain" })
        {
            Assert.Equal("brostsmarta", ComplaintSearch.Search(TriageContent.Knowledge, text, adult)[0].Complaint.Id);
        }
    }

    [Fact]
    public void Every_emergency_phrase_is_found_in_a_sentence()
    {
        var knowledge = TriageContent.Knowledge;
        foreach (var phrase in knowledge.Emergency.Sv.Concat(knowledge.Emergency.En))
        {
            Assert.NotNull(ComplaintSearch.Emergency(knowledge, $"hjälp, {phrase.ToUpperInvariant()}!"));
        }
    }

    [Fact]
    public void An_infant_with_fever_is_sent_to_the_emergency_department()
    {
        var engine = TriageContent.Engine;
        var infant = new TriageSubject(1, TriageSubject.Woman);
        var complaint = ComplaintSearch.Search(TriageContent.Knowledge, "feber", infant)[0].Complaint;
        Assert.Equal("feber-spadbarn", complaint.Id);
        var outcome = TriageContent.Finish(engine, complaint, infant, new Dictionary<string, string> { ["temperatur"] = "38.2" });
        Assert.Equal(Urgency.AkutNu, outcome.Urgency);
    }
}
