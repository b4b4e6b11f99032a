using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.MentalHealth.Content;

/// <summary>A step of the ladder (1 the lightest).</summary>
public sealed record CareStep(string Id, int Level, Bilingual Name, Bilingual Description, string Source);

/// <summary>Screening results (an instrument's bands) that open a care need and start the first assessment's clock.</summary>
public sealed record OpeningRule(string Instrument, IReadOnlySet<string> Bands, string? FollowUp, string Source);

/// <summary>An instrument's band → the step proposed.</summary>
public sealed record ProposalRule(string Instrument, string Band, string Step, string Source);

/// <summary>
/// The stepped-care rules of content/stepped-care/ (one file): the steps, what opens a care need, the first assessment's
/// days, band → step proposals and when no response proposes the next step. Loaded and checked at start-up; every rule
/// cites a source of the file.
/// </summary>
public sealed class SteppedCareContent
{
    private SteppedCareContent(string id, string version, string status, Bilingual name, IReadOnlyList<CitedSource> sources, IReadOnlyList<CareStep> steps,
        IReadOnlyList<OpeningRule> opens, IReadOnlyList<ProposalRule> proposals, int firstAssessmentDays, int stepUpWeeks, int responsePercent)
    {
        Id = id;
        Version = version;
        Status = status;
        Name = name;
        Sources = sources;
        Steps = steps;
        Opens = opens;
        Proposals = proposals;
        FirstAssessmentDays = firstAssessmentDays;
        StepUpWeeks = stepUpWeeks;
        ResponsePercent = responsePercent;
    }

    public string Id { get; }
    public string Version { get; }
    /// <summary>published, or draft until clinical review.</summary>
    public string Status { get; }
    public Bilingual Name { get; }
    public IReadOnlyList<CitedSource> Sources { get; }
    /// <summary>From the lightest.</summary>
    public IReadOnlyList<CareStep> Steps { get; }
    public IReadOnlyList<OpeningRule> Opens { get; }
    public IReadOnlyList<ProposalRule> Proposals { get; }
    public int FirstAssessmentDays { get; }
    public int StepUpWeeks { get; }
    public int ResponsePercent { get; }

    /// <summary>The instruments whose scores the rules read.</summary>
    public IReadOnlyList<string> Instruments => Opens.Select(o => o.Instrument).Concat(Proposals.Select(p => p.Instrument)).Distinct(StringComparer.Ordinal).ToList();

    public CareStep? Step(string? id) => Steps.FirstOrDefault(s => s.Id == id);

    public static SteppedCareContent Load(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*.yaml").ToList();
        if (files.Count != 1)
        {
            throw new ContentException(folder, 0, "mappen ska ha en fil med reglerna för stegvis vård");
        }
        var path = files[0];
        var name = Path.GetFileName(path);
        StepFile? file;
        try
        {
            using var reader = new StreamReader(path);
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<StepFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        void Fail(string problem) => throw new ContentException(name, 0, problem);
        if (file?.Id is not { Length: > 0 } id || name != $"{id}.yaml" || file.Version is not { Length: > 0 } version || file.Status is not ("published" or "draft"))
        {
            throw new ContentException(name, 0, "id (filens namn), version och status (published eller draft) behövs");
        }
        var sources = ContentYaml.Sources(file.Sources, name);
        string Cited(string? source, string where) =>
            source is { } s && sources.Any(c => c.Id == s) ? s : throw new ContentException(name, 0, $"{where}: source ska vara en av källorna under sources");

        var steps = (file.Steps ?? []).Select((s, i) => new CareStep(
            s.Id is { Length: > 0 } stepId ? stepId : throw new ContentException(name, 0, $"steg {i + 1} saknar id"),
            s.Level ?? 0, ContentYaml.Text(s.Name, name, $"steget {s.Id}: name"), ContentYaml.Text(s.Description, name, $"steget {s.Id}: description"),
            Cited(s.Source, $"steget {s.Id}"))).ToList();
        if (steps.Count < 2 || steps.Select(s => s.Level).SequenceEqual(Enumerable.Range(1, steps.Count)) is false
            || steps.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != steps.Count)
        {
            Fail("steps: minst två steg med egna id och level 1, 2, 3 … i ordning");
        }
        var opens = (file.OpensOn ?? []).Select((o, i) => new OpeningRule(
            o.Instrument is { Length: > 0 } instrument ? instrument : throw new ContentException(name, 0, $"opens_on {i + 1} saknar instrument"),
            (o.Bands ?? []) is { Count: > 0 } bands ? bands.ToHashSet(StringComparer.Ordinal) : throw new ContentException(name, 0, $"opens_on {i + 1} saknar bands"),
            o.FollowUp, Cited(o.Source, $"opens_on {i + 1}"))).ToList();
        var proposals = (file.Proposals ?? []).Select((p, i) => new ProposalRule(
            p.Instrument is { Length: > 0 } instrument ? instrument : throw new ContentException(name, 0, $"förslag {i + 1} saknar instrument"),
            p.Band is { Length: > 0 } band ? band : throw new ContentException(name, 0, $"förslag {i + 1} saknar band"),
            steps.Any(s => s.Id == p.Step) ? p.Step! : throw new ContentException(name, 0, $"förslag {i + 1}: steget '{p.Step}' finns inte under steps"),
            Cited(p.Source, $"förslag {i + 1}"))).ToList();
        if (proposals.Count == 0 || opens.Count == 0
            || proposals.GroupBy(p => (p.Instrument, p.Band)).Any(g => g.Count() > 1))
        {
            Fail("minst en regel under opens_on och proposals, och högst ett förslag per instrument och band");
        }
        if (file.FirstAssessment is not { Days: > 0 and <= 30 } first)
        {
            throw new ContentException(name, 0, "first_assessment.days ska vara 1–30");
        }
        Cited(first.Source, "first_assessment");
        if (file.StepUp is not { Weeks: > 0 and <= 52, ResponsePercent: > 0 and < 100 } up)
        {
            throw new ContentException(name, 0, "step_up behöver weeks (1–52) och response_percent (1–99)");
        }
        Cited(up.Source, "step_up");
        Cited(up.WeeksSource, "step_up (weeks_source)");
        return new SteppedCareContent(id, version, file.Status, ContentYaml.Text(file.Name, name, "name"), sources, steps, opens, proposals, first.Days!.Value,
            up.Weeks!.Value, up.ResponsePercent!.Value);
    }

    private sealed class StepFile
    {
        public string? Id { get; set; }
        public string? Version { get; set; }
        public string? Status { get; set; }
        public ContentYaml.BilingualText? Name { get; set; }
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public FirstEntry? FirstAssessment { get; set; }
        public StepUpEntry? StepUp { get; set; }
        public List<StepEntry>? Steps { get; set; }
        public List<OpenEntry>? OpensOn { get; set; }
        public List<ProposalEntry>? Proposals { get; set; }
    }

    private sealed class FirstEntry
    {
        public int? Days { get; set; }
        public string? Source { get; set; }
    }

    private sealed class StepUpEntry
    {
        public int? Weeks { get; set; }
        public int? ResponsePercent { get; set; }
        public string? Source { get; set; }
        public string? WeeksSource { get; set; }
    }

    private sealed class StepEntry
    {
        public string? Id { get; set; }
        public int? Level { get; set; }
        public ContentYaml.BilingualText? Name { get; set; }
        public ContentYaml.BilingualText? Description { get; set; }
        public string? Source { get; set; }
    }

    private sealed class OpenEntry
    {
        public string? Instrument { get; set; }
        public List<string>? Bands { get; set; }
        public string? FollowUp { get; set; }
        public string? Source { get; set; }
    }

    private sealed class ProposalEntry
    {
        public string? Instrument { get; set; }
        public string? Band { get; set; }
        public string? Step { get; set; }
        public string? Source { get; set; }
    }
}
