using Nara.Modules.Coordination.Content;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Content;

namespace Nara.Tests.Modules.Coordination;

/// <summary>
/// The care pathways in content/pathways: every file loads under the rules of its README, each is a draft for clinical
/// review that cites its source for every step, deadlines run from the enrolment or an earlier step's completion, and
/// a file that breaks a rule stops the start with what is wrong.
/// </summary>
public sealed class CarePathwaysTests : IDisposable
{
    private static readonly CarePathways Pathways = CarePathways.Load(ContentFolder.Find(null, "pathways"));
    private readonly string _folder = Directory.CreateTempSubdirectory("nara-pathways-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_content_has_at_least_four_primary_care_pathways_each_a_draft_citing_a_source_for_every_step()
    {
        Assert.True(Pathways.All.Count >= 4);
        Assert.Contains(Pathways.All, p => p.Id == "depression-angest-vuxna");
        Assert.Contains(Pathways.All, p => p.Id == "hjartsvikt-nyupptackt");
        Assert.Contains(Pathways.All, p => p.Id == "kol");
        Assert.All(Pathways.All, p =>
        {
            Assert.Equal("draft", p.Status);
            Assert.Contains(p.Steps, s => s.Level == CareLevel.Primarvard);
            Assert.All(p.Steps, s => Assert.Contains(p.Sources, src => src.Id == s.BasisSource));
            Assert.All(p.Sources, s => Assert.StartsWith("https://", s.Url, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Every_condition_a_pathway_lists_has_its_ICD_10_SE_title()
    {
        var names = Nara.Modules.Records.Content.DiagnosisNames.Load(ContentFolder.Find(null, "records"));
        var unnamed = Pathways.All.SelectMany(p => p.Conditions.Select(c => (p.Id, Code: c))).Where(x => names.NameOf(x.Code) is null).ToList();
        Assert.True(unnamed.Count == 0, $"no title in content/records/diagnoses.yaml for {string.Join(", ", unnamed)}");
    }

    [Fact]
    public void A_deadline_runs_from_the_enrolment_or_from_when_the_step_before_was_done()
    {
        var depression = Pathways.Find("depression-angest-vuxna")!;
        var enrolled = new DateOnly(2026, 6, 15);
        var none = new Dictionary<string, DateOnly>();
        // The first assessment: the care guarantee's three days from the start.
        Assert.Equal(new DateOnly(2026, 6, 18), depression.DeadlineOf("forsta-bedomning", enrolled, none));
        // The shared plan runs 14 days from the assessment's completion: no deadline before it is done.
        Assert.Null(depression.DeadlineOf("gemensam-plan", enrolled, none));
        var done = new Dictionary<string, DateOnly> { ["strukturerad-bedomning"] = new(2026, 6, 25) };
        var due = depression.DeadlineOf("gemensam-plan", enrolled, done);
        Assert.Equal(new DateOnly(2026, 7, 9), due);
        // At risk from three days before (its at_risk_days), late the day after.
        Assert.Equal(StepStatus.IRad, depression.StatusOf("gemensam-plan", due, new DateOnly(2026, 7, 5)));
        Assert.Equal(StepStatus.Risk, depression.StatusOf("gemensam-plan", due, new DateOnly(2026, 7, 6)));
        Assert.Equal(StepStatus.Risk, depression.StatusOf("gemensam-plan", due, new DateOnly(2026, 7, 9)));
        Assert.Equal(StepStatus.Sen, depression.StatusOf("gemensam-plan", due, new DateOnly(2026, 7, 10)));
        Assert.Equal(StepStatus.EjStartad, depression.StatusOf("gemensam-plan", null, new DateOnly(2026, 7, 10)));
    }

    private const string Valid = """
        id: prov
        title: {sv: "Prov", en: "Test"}
        status: draft
        summary: {sv: "Ett prov.", en: "A test."}
        sources:
          - {id: src, title: "Källa", publisher: "Utgivare", url: "https://example.org/", year: 2024}
        conditions: [I50]
        entry:
          - {text: {sv: "Vuxen", en: "Adult"}, source: src}
        steps:
          - id: ett
            title: {sv: "Ett", en: "One"}
            description: {sv: "Första", en: "First"}
            care_level: primarvard
            deadline: {days: 3, from: start}
            at_risk_days: 1
            basis: {source: src, note: "Avsnitt 1"}
          - id: tva
            title: {sv: "Två", en: "Two"}
            description: {sv: "Andra", en: "Second"}
            care_level: specialiserad
            profession: lakare
            deadline: {days: 14, from: previous}
            at_risk_days: 3
            basis: {source: src, note: "Avsnitt 2"}
        """;

    [Theory]
    [InlineData("prov", "from: previous}", "from: tre}", "deadline.from")]
    [InlineData("prov", "{days: 3, from: start}", "{days: 3, from: tva}", "deadline.from")]
    [InlineData("prov", "at_risk_days: 3", "at_risk_days: 14", "at_risk_days")]
    [InlineData("prov", "basis: {source: src, note: \"Avsnitt 2\"}", "basis: {source: annan, note: \"Avsnitt 2\"}", "basis")]
    [InlineData("prov", "url: \"https://example.org/\"", "url: \"http://example.org/\"", "https")]
    [InlineData("prov", "care_level: specialiserad", "care_level: sjukhus", "care_level")]
    [InlineData("prov", "conditions: [I50]", "conditions: [hjärtsvikt]", "ICD-10")]
    [InlineData("annat-namn", "status: draft", "status: draft", "filens namn")]
    [InlineData("prov", "status: draft", "status: klar", "status")]
    public void A_file_that_breaks_a_rule_is_refused_with_what_is_wrong(string fileName, string find, string replace, string expected)
    {
        var path = Path.Combine(_folder, $"{fileName}.yaml");
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        File.WriteAllText(path, Valid.Replace(find, replace, StringComparison.Ordinal));
        var refused = Assert.Throws<ContentException>(() => CarePathways.Load(_folder));
        Assert.Contains(expected, refused.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_valid_example_loads()
    {
        File.WriteAllText(Path.Combine(_folder, "prov.yaml"), Valid);
        var pathway = Assert.Single(CarePathways.Load(_folder).All);
        Assert.Equal(new DeadlineAnchor(false, "ett"), pathway.Steps[1].From);
        Assert.Equal(Nara.Modules.Organisation.Contracts.Profession.Lakare, pathway.Steps[1].Profession);
    }
}
