using Nara.Modules.Triage;
using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Contracts;

namespace Nara.Tests.Modules.Triage;

/// <summary>The team's written cases (content/triage/vignettes) against the accuracy target in docs/triage.md.</summary>
public sealed class TriageVignetteTests
{
    [Fact]
    public void No_emergency_is_under_triaged_and_accuracy_reaches_the_target()
    {
        var vignettes = VignetteLoader.Load(Path.Combine(TriageContent.Folder, "vignettes"));
        var report = TriageEvalCommand.Evaluate(TriageContent.Knowledge, vignettes);
        Assert.True(report.Problems.Count == 0, report.Format(verbose: false));
        Assert.True(report.EmergenciesUnderTriaged.Count == 0, report.Format(verbose: true));
        Assert.True(report.Accuracy >= TriageEvalCommand.AccuracyTarget, report.Format(verbose: true));
    }

    [Fact]
    public void The_case_set_covers_every_complaint_and_every_urgency_level()
    {
        var vignettes = VignetteLoader.Load(Path.Combine(TriageContent.Folder, "vignettes"));
        var report = TriageEvalCommand.Evaluate(TriageContent.Knowledge, vignettes);
        Assert.True(vignettes.Count >= 150, $"{vignettes.Count} written cases; the issue asks for at least 150");
        Assert.True(TriageContent.Knowledge.Complaints.Count >= 40, $"{TriageContent.Knowledge.Complaints.Count} complaints; the issue asks for at least 40");
        var covered = report.Results.Select(r => r.ComplaintId).ToHashSet();
        var missing = TriageContent.Knowledge.Complaints.Select(c => c.Id).Where(c => !covered.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "complaints without written cases: " + string.Join(", ", missing));
        foreach (var level in Enum.GetValues<Urgency>())
        {
            Assert.Contains(vignettes, v => v.Expected == level);
        }
    }
}
