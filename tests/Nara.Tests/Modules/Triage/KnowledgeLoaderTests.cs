using Nara.Modules.Triage.Content;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Triage;

/// <summary>A wrong content file stops the load with the file, the line and the problem.</summary>
public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"nara-triage-{Guid.NewGuid():N}");

    public KnowledgeLoaderTests()
    {
        Directory.CreateDirectory(_folder);
        foreach (var file in new[] { "_shared.yaml", "_emergency.yaml", "annat.yaml", "brostsmarta.yaml", "hosta.yaml" })
        {
            File.Copy(Path.Combine(TriageContent.Folder, file), Path.Combine(_folder, file));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ContentException LoadFails(string file, Func<string, string> edit)
    {
        var path = Path.Combine(_folder, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return Assert.Throws<ContentException>(() => KnowledgeLoader.Load(_folder));
    }

    private long LineOf(string file, string text) =>
        File.ReadAllLines(Path.Combine(_folder, file)).Select((l, i) => (l, i)).First(x => x.l.Contains(text, StringComparison.Ordinal)).i + 1;

    [Fact]
    public void The_copied_files_load()
    {
        var knowledge = KnowledgeLoader.Load(_folder);
        Assert.Equal(3, knowledge.Complaints.Count);
    }

    [Fact]
    public void A_red_flag_used_as_no_is_refused_because_it_could_lower_the_urgency()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("when: [\"debut = idag\", \"muskel != ja\"]", "when: [\"debut = idag\", \"kallsvett = nej\"]", StringComparison.Ordinal));
        Assert.Equal("brostsmarta.yaml", error.File);
        Assert.Contains("varningstecknet 'kallsvett'", error.Problem, StringComparison.Ordinal);
        Assert.Equal(LineOf("brostsmarta.yaml", "when: [\"debut = idag\", \"kallsvett = nej\"]") - 1, error.Line);
    }

    [Fact]
    public void Rules_out_of_urgency_order_are_refused()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("    urgency: VardIdag\n", "    urgency: AkutNu\n", StringComparison.Ordinal)
            .Replace("    when: [\"kand_hjartsjukdom = ja\", \"debut = idag\"]\n    urgency: AkutNu", "    when: [\"kand_hjartsjukdom = ja\", \"debut = idag\"]\n    urgency: VardIdag", StringComparison.Ordinal));
        Assert.Contains("mest brådskande först", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_that_needs_two_abnormal_answers_at_once_is_refused_unless_it_cites_why()
    {
        var error = LoadFails("hosta.yaml", s => s.Replace("when: [\"blod = ja\"]", "when: [\"blod = ja\", \"slem = ja\"]", StringComparison.Ordinal));
        Assert.Contains("kräver 2 avvikande svar samtidigt", error.Problem, StringComparison.Ordinal);
        Assert.Contains("combined_because", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- {when: \"slem = ja\", weight: 1,", "- {when: \"slem = nej\", weight: 1,", "bara kan höja")]
    [InlineData("- {when: \"slem = ja\", weight: 1,", "- {when: \"slem = ja\", weight: 0,", "weight ska vara ett heltal 1–10")]
    [InlineData("- {shared: mycket_sjuk}", "- {shared: mycket_trott}", "'mycket_trott' finns inte")]
    [InlineData("modifiers: [aldre, mycket_gammal, immun]", "modifiers: [aldre, gammal]", "modifieraren 'gammal' finns inte")]
    [InlineData("- {at: 9, urgency: AkutNu,", "- {at: 90, urgency: AkutNu,", "kan aldrig nås")]
    [InlineData("- {at: 4, urgency: VardIdag,", "- {at: 4, urgency: Egenvard,", "ska höja")]
    [InlineData("- {at: 4, urgency: VardIdag,", "- {at: 10, urgency: VardIdag,", "mest brådskande (och högsta summan) först")]
    [InlineData("    type: duration\n    text: {sv: \"Hur länge har du hostat?\"", "    type: duration\n    unit: {sv: dagar, en: days}\n    text: {sv: \"Hur länge har du hostat?\"", "räknas i dagar och har ingen unit")]
    public void Combinations_and_durations_that_could_lower_or_never_work_are_refused(string from, string to, string problem)
    {
        var error = LoadFails("hosta.yaml", s =>
        {
            Assert.Contains(from, s, StringComparison.Ordinal);
            return s.Replace(from, to, StringComparison.Ordinal);
        });
        Assert.Equal("hosta.yaml", error.File);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_last_rule_with_conditions_is_refused_because_a_path_could_end_without_an_outcome()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("  - id: muskel\n    when: []", "  - id: muskel\n    when: [\"rorelse = nej\"]", StringComparison.Ordinal));
        Assert.Contains("sista regeln", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_on_an_unknown_question_names_the_question_and_the_line()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("when: [\"rorelse = ja\", \"muskel != ja\"]", "when: [\"rorelsee = ja\", \"muskel != ja\"]", StringComparison.Ordinal));
        Assert.Contains("'rorelsee'", error.Problem, StringComparison.Ordinal);
        Assert.Equal(LineOf("brostsmarta.yaml", "rorelsee = ja"), error.Line);
    }

    [Fact]
    public void An_answer_that_is_not_an_option_is_refused()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("when: [\"debut = idag\", \"muskel != ja\"]", "when: [\"debut = igar\", \"muskel != ja\"]", StringComparison.Ordinal));
        Assert.Contains("'igar' är inget svarsalternativ", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_question_without_a_range_is_refused()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("  - id: rorelse\n    type: yesno", "  - id: rorelse\n    type: number", StringComparison.Ordinal));
        Assert.Contains("min och max", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_citing_a_missing_source_is_refused()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("    source: nice-cks-chestpain\n  - id: svimning", "    source: nice-cks\n  - id: svimning", StringComparison.Ordinal));
        Assert.Contains("källan 'nice-cks'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        var error = LoadFails("annat.yaml", s => s.Replace("title:\n  sv: Annat besvär", "title:\n  sv: [Annat besvär", StringComparison.Ordinal));
        Assert.Equal("annat.yaml", error.File);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void A_misspelt_key_is_refused()
    {
        var error = LoadFails("brostsmarta.yaml", s => s.Replace("    red_flag: true\n    text:\n      sv: \"Är du kallsvettig", "    redflag: true\n    text:\n      sv: \"Är du kallsvettig", StringComparison.Ordinal));
        Assert.Contains("okänd nyckel 'redflag'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fallback_complaint_must_exist()
    {
        File.Delete(Path.Combine(_folder, "annat.yaml"));
        var error = Assert.Throws<ContentException>(() => KnowledgeLoader.Load(_folder));
        Assert.Contains("annat", error.Problem, StringComparison.Ordinal);
    }
}
