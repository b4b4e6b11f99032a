using System.Text.RegularExpressions;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.Monitoring.Content;

/// <summary>
/// The home measurements of <c>content/measures/measures.yaml</c>, loaded and checked at start-up: each measure with a
/// LOINC code, at least one UCUM unit (the first its own, factor 1), components with an entry range, and cited sources.
/// </summary>
public sealed partial class MeasureCatalog
{
    private MeasureCatalog(IReadOnlyList<Measure> measures, IReadOnlyList<CitedSource> sources)
    {
        Measures = measures;
        Sources = sources;
    }

    public IReadOnlyList<Measure> Measures { get; }

    public IReadOnlyList<CitedSource> Sources { get; }

    public Measure? Find(string? id) => Measures.FirstOrDefault(m => m.Id == id);

    public static MeasureCatalog Load(string folder)
    {
        const string name = "measures.yaml";
        MeasuresFile? file;
        try
        {
            using var reader = new StreamReader(Path.Combine(folder, name));
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<MeasuresFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        catch (FileNotFoundException)
        {
            throw new ContentException(name, 0, "filen saknas");
        }
        var sources = ContentYaml.Sources(file?.Sources, name);
        string Cited(string? source, string where) =>
            source is { } s && sources.Any(c => c.Id == s) ? s : throw new ContentException(name, 0, $"{where}: source ska vara en av källorna under sources");
        var measures = new List<Measure>();
        foreach (var m in file?.Measures ?? [])
        {
            var at = $"måttet '{m.Id}'";
            if (m.Id is not { } id || !IdPattern().IsMatch(id) || measures.Any(x => x.Id == id))
            {
                throw new ContentException(name, 0, $"{at}: varje mått behöver ett eget id (gemener, siffror och bindestreck)");
            }
            if (m.Loinc is not { } loinc || !LoincPattern().IsMatch(loinc))
            {
                throw new ContentException(name, 0, $"{at}: loinc ska vara en LOINC-kod (siffror, bindestreck, kontrollsiffra)");
            }
            var units = (m.Units ?? []).Select(u => u.Ucum is { Length: > 0 } ucum && u.Factor is > 0
                ? new MeasureUnit(ucum, u.Factor.Value, u.Offset ?? 0, Cited(u.Source, $"{at}, enheten '{ucum}'"))
                : throw new ContentException(name, 0, $"{at}: varje enhet behöver ucum och en factor över 0")).ToList();
            if (units.Count == 0 || units[0].Factor != 1 || units[0].Offset != 0 || units.Select(u => u.Ucum).Distinct(StringComparer.Ordinal).Count() != units.Count)
            {
                throw new ContentException(name, 0, $"{at}: minst en enhet, den första måttets egen (factor 1, ingen offset), var och en en gång");
            }
            var components = (m.Components ?? []).Select(c => c.Id is { Length: > 0 } cid && c.Loinc is { } cl && LoincPattern().IsMatch(cl) && c.Min is { } min && c.Max is { } max && min < max
                ? new MeasureComponent(cid, cl, ContentYaml.Text(c, name, $"{at}, delen '{cid}'"), min, max)
                : throw new ContentException(name, 0, $"{at}: varje del behöver id, loinc och min under max")).ToList();
            if (components.Count is < 1 or > 2 || components.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count() != components.Count)
            {
                throw new ContentException(name, 0, $"{at}: en eller två delar, var och en med eget id");
            }
            if (m.Decimals is not (>= 0 and <= 3))
            {
                throw new ContentException(name, 0, $"{at}: decimals ska vara 0–3");
            }
            measures.Add(new Measure(id, ContentYaml.Text(m.Name, name, $"{at}.name"), loinc, m.VitalSign ?? false, units, m.Decimals.Value, components, Cited(m.Source, at)));
        }
        if (measures.Count == 0)
        {
            throw new ContentException(name, 0, "inga mått under measures");
        }
        return new MeasureCatalog(measures, sources);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex LoincPattern();

    private sealed class MeasuresFile
    {
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public List<MeasureEntry>? Measures { get; set; }
    }

    private sealed class MeasureEntry
    {
        public string? Id { get; set; }
        public ContentYaml.BilingualText? Name { get; set; }
        public string? Loinc { get; set; }
        public bool? VitalSign { get; set; }
        public string? Source { get; set; }
        public List<UnitEntry>? Units { get; set; }
        public int? Decimals { get; set; }
        public List<ComponentEntry>? Components { get; set; }
    }

    private sealed class UnitEntry
    {
        public string? Ucum { get; set; }
        public double? Factor { get; set; }
        public double? Offset { get; set; }
        public string? Source { get; set; }
    }

    private sealed class ComponentEntry : ContentYaml.BilingualText
    {
        public string? Id { get; set; }
        public string? Loinc { get; set; }
        public double? Min { get; set; }
        public double? Max { get; set; }
    }
}
