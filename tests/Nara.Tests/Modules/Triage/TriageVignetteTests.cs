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

    [Fact]
    public void A_resident_may_pick_the_fallback_the_page_always_offers_but_not_a_complaint_the_search_did_not_show()
    {
        Vignette Case(string complaint) => new("x", "test", 1, 56 * 12, "kvinna", "tror jag har näthinneavlossning", complaint,
            new Dictionary<string, string> { ["varaktighet"] = "dagar" }, Urgency.VardInomDagar, "", "", Story: "story", Independent: true);
        var fallback = TriageContent.Knowledge.FallbackComplaintId;

        var report = TriageEvalCommand.Evaluate(TriageContent.Knowledge, [Case(fallback), Case("ryggont")], "test");

        Assert.Null(report.Results[0].Problem);
        Assert.Equal(fallback, report.Results[0].ComplaintId);
        Assert.Contains("inte ryggont", report.Results[1].Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VignetteLoader.IndependentFolder, 150, 0.94, 0.97, 0, 0)]
    [InlineData(VignetteLoader.HoldoutFolder, 90, 0.94, 0.99, 0, 0)]
    [InlineData(VignetteLoader.ThirdFolder, 100, 0.96, 0.98, 0, 0)]
    // 90 % since a child who chewed silica gel finds Förgiftning (it had found low mood): "call Giftinformation today"
    // where the case says self-care, one level over.
    [InlineData(VignetteLoader.FourthFolder, 100, 0.90, 0.95, 0, 0)]
    [InlineData(VignetteLoader.FifthFolder, 100, 0.92, 0.95, 0, 0)]
    // The sixth set: one emergency still decided a level lower, an ankle the Ottawa rules call for an X-ray (AkutNu in
    // the case, VardIdag in our content after NICE CKS); docs/triage.md.
    [InlineData(VignetteLoader.SixthFolder, 100, 0.97, 0.97, 1, 0)]
    // The seventh set: first sight 83 % exact, 88 % by category, no emergency under-triaged (docs/triage.md).
    [InlineData(VignetteLoader.SeventhFolder, 100, 0.96, 0.98, 0, 0)]
    // The eighth set: first sight 85 % exact, 90 % by category, four emergencies under-triaged (docs/triage.md).
    [InlineData(VignetteLoader.EighthFolder, 100, 0.97, 0.97, 0, 0)]
    // The ninth set: first sight 87 % exact, 93 % by category, two emergencies a level low (docs/triage.md).
    [InlineData(VignetteLoader.NinthFolder, 100, 0.91, 0.96, 0, 0)]
    // The tenth set: first sight 83 % exact, 89 % by category, two emergencies a level low and one sent to self-care;
    // its emergencies and its care-level patterns worked (docs/triage.md).
    [InlineData(VignetteLoader.TenthFolder, 100, 0.93, 0.97, 0, 0)]
    // The eleventh set: first sight 91 % exact, 94 % by category, two emergencies a level low and none sent to self-care.
    // Both are kept (docs/triage.md): a contact-lens wearer's painful red eye and an 86-year-old's sudden confusion
    // without fever: for the same stories, earlier blind writers chose "today" four times (eye) and four times out of
    // five (confusion).
    [InlineData(VignetteLoader.EleventhFolder, 100, 0.97, 0.97, 2, 0)]
    // The twelfth set: first sight 84 % exact, 88 % by category, two emergencies a level low (a peritonsillar abscess,
    // kidney infection in pregnancy), none sent to self-care; one round on its patterns (docs/triage.md).
    [InlineData(VignetteLoader.TwelfthFolder, 100, 0.92, 0.94, 0, 0)]
    // The thirteenth set: first sight 88 % exact, 91 % by category, four emergencies a level low and one sent to
    // self-care (a retinal detachment the search did not find). After its round two are kept (docs/triage.md): an
    // Ottawa-positive ankle (four of six blind writers: "today") and a child with signs of new diabetes without
    // ketoacidosis signs (two of three: "today").
    [InlineData(VignetteLoader.ThirteenthFolder, 100, 0.92, 0.93, 2, 0)]
    // The fourteenth set: first sight 92 % exact, 96 % by category, no emergency below emergency care and one 112 case
    // decided AkutNu (a floppy feverish baby whose search found nothing fitting); a typed floppy baby is now 112.
    [InlineData(VignetteLoader.FourteenthFolder, 100, 0.93, 0.96, 0, 0)]
    // The fifteenth set: first sight 90 % exact, 93 % by category, two emergencies a level low, none sent home; typed
    // low blood sugar now finds the blood-sugar complaint, and suicidal thoughts with a method thought out are AkutNu
    // (C-SSRS item 3; three blind writers in three sets).
    [InlineData(VignetteLoader.FifteenthFolder, 100, 0.93, 0.94, 0, 0)]
    // The sixteenth set: first sight 90 % exact, 92 % by category, one emergency a level low (a heart attack felt as
    // breathlessness and nausea in a diabetic woman), none sent home; then the emergency-gap review's patterns.
    [InlineData(VignetteLoader.SixteenthFolder, 100, 0.94, 0.96, 0, 0)]
    // The seventeenth set, the first measured after the emergency-gap review: first sight 83 % exact, 91 % by category,
    // four emergencies a level low, none sent home; after its round two are kept against the majority of earlier blind
    // writers (a diabetic's erysipelas with rigors: 13 of 14 earlier cases "today"; a child with new-diabetes signs and
    // no ketoacidosis signs: 3 of 5 "today").
    [InlineData(VignetteLoader.SeventeenthFolder, 100, 0.90, 0.93, 2, 0)]
    // The eighteenth set: first sight 87 % exact, 93 % by category, two emergencies a level low, none sent home. After
    // its round (a life-threatening sign asked under "Annat", a small child eating less than half, chemotherapy for
    // cancer only, a nosebleed that is still bleeding, acne as its own complaint) one is kept: asthma whose reliever
    // helps for a couple of hours (seven blind writers in earlier sets put reliever use every three to four hours at
    // "today", so "more often than every four hours" would over-triage them).
    [InlineData(VignetteLoader.EighteenthFolder, 100, 0.94, 0.98, 1, 0)]
    // The nineteenth set: first sight 90 % exact, 93 % by category, two emergencies a level low (a kidney infection in
    // pregnancy typed as back pain, a toddler's fall from the changing table the search did not find), none sent home.
    // After its round (fever with flank pain in pregnancy under back pain, new confusion under tiredness, a knee that
    // locks after a twist, spreading redness, falls from the changing table) no emergency is decided low; the four
    // misses left are the kept 112s (a typed facial droop, a TIA, an intentional overdose) and a contact-lens eye.
    [InlineData(VignetteLoader.NineteenthFolder, 100, 0.96, 0.98, 0, 0)]
    // The twentieth set: first sight 87 % exact, 91 % by category, one emergency a level low (a pulmonary embolism with
    // near-fainting typed "panikångest?", AkutNu where the case says 112), none sent home. After its round (a clot
    // or collapse asked under anxiety, scarlet fever under a child's fever, an older person who nearly stopped eating
    // under tiredness, "a little blurred" no longer read as sudden loss of sight, "tror det är hjärtat" and
    // ovulation pain found) no emergency is decided low.
    [InlineData(VignetteLoader.TwentiethFolder, 100, 0.93, 0.96, 0, 0)]
    public void Every_independent_case_runs_as_a_resident_entered_it_and_the_measured_floor_holds(
        string folder, int atLeast, double accuracy, double categoryAccuracy, int emergenciesUnderTriaged, int emergenciesSentHome)
    {
        var cases = VignetteLoader.LoadIndependent(Path.Combine(TriageContent.Folder, folder));
        Assert.True(cases.Count >= atLeast, $"{cases.Count} cases in {folder}");
        Assert.All(cases, c => Assert.True(c.Independent && c.Story is not null));
        var report = TriageEvalCommand.Evaluate(TriageContent.Knowledge, cases, folder);
        // Entries that no longer run (the search or the questions changed) must be re-entered from the story.
        Assert.True(report.Problems.Count == 0, report.Format(verbose: false));
        // Not the targets (90 %, no emergency under-triaged): the floor measured on 2026-12-05 (docs/triage.md),
        // so a change that makes the independent measure worse fails here.
        Assert.True(report.Accuracy >= accuracy, report.Format(verbose: true));
        Assert.True(report.CategoryAccuracy >= categoryAccuracy, report.Format(verbose: true));
        Assert.True(report.EmergenciesUnderTriaged.Count <= emergenciesUnderTriaged, report.Format(verbose: true));
        Assert.True(report.EmergenciesSentHome.Count <= emergenciesSentHome, report.Format(verbose: true));
    }
}
