using System.Text.RegularExpressions;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.MentalHealth.Content;

/// <summary>A module of a self-help programme: texts to read, an exercise for the week and a homework question the therapist reads.</summary>
public sealed record ProgrammeModule(string Id, int Number, Bilingual Title, int Minutes, IReadOnlyList<Bilingual> Text, Bilingual Exercise, Bilingual Homework, string Source);

/// <summary>A digital self-help programme (insomnia, low mood and worry): modules in order, worked through one at a time.</summary>
public sealed record Programme(string Id, string Version, string Status, Bilingual Name, Bilingual Summary, IReadOnlyList<string> Steps,
    IReadOnlyList<CitedSource> Sources, Bilingual Intro, IReadOnlyList<ProgrammeModule> Modules)
{
    public ProgrammeModule? Module(string? id) => Modules.FirstOrDefault(m => m.Id == id);
}

/// <summary>
/// The self-help programmes of content/self-help/, one YAML file each, loaded and checked at start-up: every text in
/// Swedish and English, module ids unique, every module citing a source of its file. A wrong file stops the start.
/// </summary>
public sealed partial class ProgrammeCatalog
{
    private ProgrammeCatalog(IReadOnlyDictionary<string, Programme> programmes) => Programmes = programmes;

    /// <summary>By id, in id order.</summary>
    public IReadOnlyDictionary<string, Programme> Programmes { get; }

    public Programme? Find(string? id) => id is null ? null : Programmes.GetValueOrDefault(id);

    public static ProgrammeCatalog Load(string folder)
    {
        var programmes = new SortedDictionary<string, Programme>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var programme = LoadFile(path);
            programmes[programme.Id] = programme;
        }
        if (programmes.Count == 0)
        {
            throw new ContentException(folder, 0, "inga program (*.yaml) i mappen");
        }
        return new ProgrammeCatalog(programmes);
    }

    private static Programme LoadFile(string path)
    {
        var name = Path.GetFileName(path);
        ProgrammeFile? file;
        try
        {
            using var reader = new StreamReader(path);
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<ProgrammeFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        if (file?.Id is not { } id || !IdPattern().IsMatch(id) || name != $"{id}.yaml")
        {
            throw new ContentException(name, 0, "id ska vara filens namn utan .yaml (gemener, siffror och bindestreck)");
        }
        if (file.Version is not { Length: > 0 } version || file.Status is not ("published" or "draft"))
        {
            throw new ContentException(name, 0, "version behövs, och status ska vara published eller draft");
        }
        var sources = ContentYaml.Sources(file.Sources, name);
        var modules = new List<ProgrammeModule>();
        foreach (var m in file.Modules ?? [])
        {
            var where = $"modulen {m.Id ?? (modules.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (m.Id is not { } moduleId || !IdPattern().IsMatch(moduleId) || modules.Any(x => x.Id == moduleId))
            {
                throw new ContentException(name, 0, $"{where}: id ska vara unikt (gemener, siffror och bindestreck)");
            }
            if (m.Minutes is not (>= 1 and <= 120))
            {
                throw new ContentException(name, 0, $"{where}: minutes ska vara 1–120");
            }
            var text = (m.Text ?? []).Select((t, i) => ContentYaml.Text(t, name, $"{where}, stycke {i + 1}")).ToList();
            if (text.Count == 0)
            {
                throw new ContentException(name, 0, $"{where}: text behöver minst ett stycke");
            }
            var source = m.Source is { } s && sources.Any(c => c.Id == s) ? s : throw new ContentException(name, 0, $"{where}: source ska vara en av källorna under sources");
            modules.Add(new ProgrammeModule(moduleId, modules.Count + 1, ContentYaml.Text(m.Title, name, $"{where}: title"), m.Minutes.Value, text,
                ContentYaml.Text(m.Exercise, name, $"{where}: exercise"), ContentYaml.Text(m.Homework, name, $"{where}: homework"), source));
        }
        if (modules.Count < 2)
        {
            throw new ContentException(name, 0, "ett program behöver minst två moduler");
        }
        if (file.Steps is not { Count: > 0 } steps)
        {
            throw new ContentException(name, 0, "steps: de steg i stegvis vård där programmet erbjuds");
        }
        return new Programme(id, version, file.Status, ContentYaml.Text(file.Name, name, "name"), ContentYaml.Text(file.Summary, name, "summary"), steps, sources,
            ContentYaml.Text(file.Intro, name, "intro"), modules);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    private sealed class ProgrammeFile
    {
        public string? Id { get; set; }
        public string? Version { get; set; }
        public string? Status { get; set; }
        public ContentYaml.BilingualText? Name { get; set; }
        public ContentYaml.BilingualText? Summary { get; set; }
        public List<string>? Steps { get; set; }
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public ContentYaml.BilingualText? Intro { get; set; }
        public List<ModuleEntry>? Modules { get; set; }
    }

    private sealed class ModuleEntry
    {
        public string? Id { get; set; }
        public ContentYaml.BilingualText? Title { get; set; }
        public int? Minutes { get; set; }
        public string? Source { get; set; }
        public List<ContentYaml.BilingualText>? Text { get; set; }
        public ContentYaml.BilingualText? Exercise { get; set; }
        public ContentYaml.BilingualText? Homework { get; set; }
    }
}
