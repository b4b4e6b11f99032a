using System.Text.RegularExpressions;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.Coordination.Content;

/// <summary>
/// The care pathways (vårdförlopp) of content/pathways/, loaded and checked at start-up like the triage content: a file
/// that breaks a rule of content/pathways/README.md stops the start with the file, and what is wrong, in Swedish.
/// </summary>
public sealed partial class CarePathways
{
    private readonly IReadOnlyDictionary<string, Pathway> _byId;

    private CarePathways(IReadOnlyList<Pathway> all)
    {
        All = all;
        _byId = all.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>Every pathway, by id.</summary>
    public IReadOnlyList<Pathway> All { get; }

    public Pathway? Find(string id) => _byId.GetValueOrDefault(id);

    public static CarePathways Load(string folder)
    {
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            throw new ContentException("pathways", 0, $"inga vårdförlopp i {folder}");
        }
        return new CarePathways(files.Select(Parse).ToList());
    }

    internal static Pathway Parse(string path)
    {
        var name = Path.GetFileName(path);
        PathwayFile? file;
        try
        {
            using var reader = new StreamReader(path);
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<PathwayFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        void Fail(string problem) => throw new ContentException(name, 0, problem);
        if (file is null)
        {
            Fail("filen är tom");
        }
        var id = file!.Id ?? "";
        if (!IdPattern().IsMatch(id) || id != Path.GetFileNameWithoutExtension(path))
        {
            Fail($"id '{id}' ska vara filens namn utan .yaml, med a-z, 0-9 och -");
        }
        if (file.Status is not ("draft" or "reviewed"))
        {
            Fail("status ska vara draft (utkast för klinisk granskning) eller reviewed");
        }
        var sources = ContentYaml.Sources(file.Sources, name);
        var sourceIds = sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var conditions = file.Conditions ?? [];
        if (conditions.Count == 0 || conditions.Any(c => !IcdPattern().IsMatch(c)))
        {
            Fail("conditions ska lista ICD-10-koder (t.ex. F32 eller I50.9)");
        }
        var entry = (file.Entry ?? []).Select(e => e.Source is { } s && sourceIds.Contains(s)
            ? (ContentYaml.Text(e.Text, name, "entry.text"), s)
            : throw new ContentException(name, 0, $"ett ingångskriterium hänvisar till källan '{e.Source}', som inte finns under sources")).ToList();
        if (entry.Count == 0)
        {
            Fail("minst ett ingångskriterium (entry)");
        }
        var steps = new List<PathwayStep>();
        foreach (var s in file.Steps ?? [])
        {
            var at = $"steget '{s.Id}'";
            if (s.Id is null || !IdPattern().IsMatch(s.Id) || steps.Any(x => x.Id == s.Id))
            {
                Fail($"{at}: id ska vara unikt i filen, med a-z, 0-9 och -");
            }
            if (!Enum.TryParse<CareLevel>(s.CareLevel, ignoreCase: true, out var level) || !Enum.IsDefined(level))
            {
                Fail($"{at}: care_level ska vara primarvard, specialiserad, kommunal eller egenvard");
            }
            Profession? profession = null;
            if (s.Profession is not null)
            {
                profession = Enum.TryParse<Profession>(s.Profession, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : throw new ContentException(name, 0, $"{at}: okänt yrke '{s.Profession}'");
            }
            if (s.Deadline is not { Days: { } days } deadline || days < 0)
            {
                Fail($"{at}: deadline.days ska vara ett heltal ≥ 0");
                return null!;
            }
            var from = deadline.From switch
            {
                "start" => new DeadlineAnchor(true, null),
                "previous" when steps.Count > 0 => new DeadlineAnchor(false, steps[^1].Id),
                { } earlier when steps.Any(x => x.Id == earlier) => new DeadlineAnchor(false, earlier),
                _ => throw new ContentException(name, 0, $"{at}: deadline.from ska vara start, previous eller ett tidigare stegs id (det första steget räknas från start)"),
            };
            if (steps.Count == 0 && !from.Start)
            {
                Fail($"{at}: det första steget räknas från start");
            }
            if (s.AtRiskDays is not { } risk || risk < 0 || (risk >= days && days > 0) || (days == 0 && risk != 0))
            {
                Fail($"{at}: at_risk_days ska vara minst 0 och mindre än deadline.days");
            }
            if (s.Basis?.Source is not { } basis || !sourceIds.Contains(basis) || string.IsNullOrWhiteSpace(s.Basis.Note))
            {
                Fail($"{at}: basis behöver en källa under sources och en not om var steget och tiden kommer ifrån");
            }
            steps.Add(new PathwayStep(s.Id!, ContentYaml.Text(s.Title, name, $"{at}.title"), ContentYaml.Text(s.Description, name, $"{at}.description"), level, profession,
                days, from, s.AtRiskDays!.Value, s.Basis!.Source!, s.Basis.Note!.Trim()));
        }
        if (steps.Count is < 2 or > 12)
        {
            Fail("ett vårdförlopp har 2–12 steg");
        }
        return new Pathway(id, ContentYaml.Text(file.Title, name, "title"), file.Status!, ContentYaml.Text(file.Summary, name, "summary"), sources, conditions, entry, steps);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$")]
    private static partial Regex IcdPattern();

    private sealed class PathwayFile
    {
        public string? Id { get; set; }
        public ContentYaml.BilingualText? Title { get; set; }
        public string? Status { get; set; }
        public ContentYaml.BilingualText? Summary { get; set; }
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public List<string>? Conditions { get; set; }
        public List<EntryCriterion>? Entry { get; set; }
        public List<StepEntry>? Steps { get; set; }
    }

    private sealed class EntryCriterion
    {
        public ContentYaml.BilingualText? Text { get; set; }
        public string? Source { get; set; }
    }

    private sealed class StepEntry
    {
        public string? Id { get; set; }
        public ContentYaml.BilingualText? Title { get; set; }
        public ContentYaml.BilingualText? Description { get; set; }
        public string? CareLevel { get; set; }
        public string? Profession { get; set; }
        public DeadlineEntry? Deadline { get; set; }
        public int? AtRiskDays { get; set; }
        public BasisEntry? Basis { get; set; }
    }

    private sealed class DeadlineEntry
    {
        public int? Days { get; set; }
        public string? From { get; set; }
    }

    private sealed class BasisEntry
    {
        public string? Source { get; set; }
        public string? Note { get; set; }
    }
}
