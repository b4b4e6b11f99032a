using System.Text.RegularExpressions;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.Assessments.Content;

/// <summary>
/// The instruments of content/instruments/, one YAML file each, loaded and checked at start-up like the triage content:
/// every text in Swedish and English, every answer set known, the bands of each scale covering its possible scores
/// exactly once, every band and alert citing a source of the file. A wrong file stops the start with its name and the
/// problem.
/// </summary>
public sealed partial class InstrumentCatalog
{
    private InstrumentCatalog(IReadOnlyDictionary<string, Instrument> instruments) => Instruments = instruments;

    /// <summary>By id, in id order.</summary>
    public IReadOnlyDictionary<string, Instrument> Instruments { get; }

    public Instrument? Find(string id) => Instruments.GetValueOrDefault(id);

    public static InstrumentCatalog Load(string folder)
    {
        var instruments = new SortedDictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var instrument = LoadFile(path);
            if (!instruments.TryAdd(instrument.Id, instrument))
            {
                throw new ContentException(Path.GetFileName(path), 0, $"id '{instrument.Id}' finns redan i en annan fil");
            }
        }
        if (instruments.Count == 0)
        {
            throw new ContentException(folder, 0, "inga instrument (*.yaml) i mappen");
        }
        return new InstrumentCatalog(instruments);
    }

    private static Instrument LoadFile(string path)
    {
        var name = Path.GetFileName(path);
        InstrumentFile? file;
        try
        {
            using var reader = new StreamReader(path);
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<InstrumentFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(name, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        void Fail(string problem) => throw new ContentException(name, 0, problem);
        if (file?.Id is not { } id || !IdPattern().IsMatch(id) || name != $"{id}.yaml")
        {
            throw new ContentException(name, 0, "id ska vara filens namn utan .yaml (gemener, siffror och bindestreck)");
        }
        if (file.Version is not { Length: > 0 } version || file.Status is not ("published" or "draft"))
        {
            Fail("version behövs, och status ska vara published eller draft");
        }
        var sources = ContentYaml.Sources(file.Sources, name);
        string Cited(string? source, string where) =>
            source is { } s && sources.Any(c => c.Id == s) ? s : throw new ContentException(name, 0, $"{where}: source ska vara en av källorna under sources");

        var answerSets = new Dictionary<string, IReadOnlyList<AnswerOption>>(StringComparer.Ordinal);
        foreach (var (setId, options) in file.AnswerSets ?? [])
        {
            var list = (options ?? []).Select((o, i) => new AnswerOption(o.Points ?? throw new ContentException(name, 0, $"svar {i + 1} i '{setId}' saknar points"),
                ContentYaml.Text(o, name, $"svar {i + 1} i '{setId}'"))).ToList();
            if (list.Count < 2 || list.Select(o => o.Points).Distinct().Count() != list.Count)
            {
                Fail($"svarsmängden '{setId}' behöver minst två svar med olika poäng");
            }
            answerSets[setId] = list;
        }
        var items = new List<InstrumentItem>();
        foreach (var item in file.Items ?? [])
        {
            var at = $"fråga '{item.Id}'";
            if (item.Id is not { Length: > 0 } itemId || items.Any(i => i.Id == itemId))
            {
                throw new ContentException(name, 0, $"{at}: varje fråga behöver ett eget id");
            }
            var weight = item.Weight ?? 1;
            if (weight is < 1 or > 10)
            {
                throw new ContentException(name, 0, $"{at}: weight ska vara 1–10");
            }
            if (item.Number is { } number)
            {
                // A whole number in a range instead of options (the EQ VAS), its ends explained in words.
                if (item.Answers is not null || item.Reversed is not null || number.Min is not { } min || number.Max is not { } max || min < 0 || max <= min || max > 100_000)
                {
                    throw new ContentException(name, 0, $"{at}: number behöver min och max (0 ≤ min < max), och då inga answers eller reversed");
                }
                items.Add(new InstrumentItem(itemId, ContentYaml.Text(item, name, at), [], false,
                    new NumberRange(min, max, ContentYaml.Text(number.Low, name, $"{at}.number.low"), ContentYaml.Text(number.High, name, $"{at}.number.high")), weight));
                continue;
            }
            if (item.Answers is not { } set || !answerSets.TryGetValue(set, out var options))
            {
                throw new ContentException(name, 0, $"{at}: answers ska vara en av svarsmängderna under answer_sets");
            }
            items.Add(new InstrumentItem(itemId, ContentYaml.Text(item, name, at), options, item.Reversed ?? false, null, weight));
        }
        if (items.Count == 0)
        {
            Fail("minst en fråga");
        }
        var scales = new List<InstrumentScale>();
        foreach (var scale in file.Scales ?? [])
        {
            var at = $"skalan '{scale.Id}'";
            if (scale.Id is not { Length: > 0 } scaleId || scales.Any(s => s.Id == scaleId))
            {
                throw new ContentException(name, 0, $"{at}: varje skala behöver ett eget id");
            }
            var scaleItems = scale.Items ?? [];
            if (scaleItems.Count == 0 || scaleItems.Distinct(StringComparer.Ordinal).Count() != scaleItems.Count || scaleItems.Any(i => items.All(x => x.Id != i)))
            {
                throw new ContentException(name, 0, $"{at}: items ska vara frågor i filen, var och en en gång");
            }
            if (scale.Kind is "profile")
            {
                scales.Add(ProfileScale(scale, scaleItems, items, name, at, Cited(scale.Source, at)));
                continue;
            }
            if (scale.Kind is not (null or "sum"))
            {
                throw new ContentException(name, 0, $"{at}: kind ska vara sum (summan, som standard) eller profile");
            }
            var maxMissing = scale.MaxMissing ?? 0;
            if (maxMissing > 0 && scaleItems.Any(i => items.Single(x => x.Id == i).Weight != 1))
            {
                throw new ContentException(name, 0, $"{at}: en skala med viktade frågor (weight) räknas inte upp: max_missing ska vara 0");
            }
            if (maxMissing < 0 || maxMissing >= scaleItems.Count - (scale.OneOf ?? []).Sum(g => (g?.Count ?? 1) - 1))
            {
                throw new ContentException(name, 0, $"{at}: max_missing ska vara 0 (ingen uppräkning) eller färre än frågorna");
            }
            var multiplier = scale.Multiplier ?? 1;
            if (multiplier is < 1 or > 100)
            {
                throw new ContentException(name, 0, $"{at}: multiplier ska vara 1–100");
            }
            var oneOf = (scale.OneOf ?? []).Select(g => (IReadOnlyList<string>)(g ?? [])).ToList();
            if (oneOf.Any(g => g.Count < 2 || g.Any(i => !scaleItems.Contains(i))) || oneOf.SelectMany(g => g).Distinct(StringComparer.Ordinal).Count() != oneOf.Sum(g => g.Count))
            {
                throw new ContentException(name, 0, $"{at}: one_of ska vara grupper om minst två av skalans frågor, varje fråga i högst en grupp");
            }
            // A group of alternatives adds the lowest and highest of its items' answers.
            var slots = scaleItems.Where(i => !oneOf.Any(g => g.Contains(i))).Select(i => (IReadOnlyList<string>)[i]).Concat(oneOf).ToList();
            InstrumentItem Item(string id) => items.Single(x => x.Id == id);
            var low = slots.Sum(slot => slot.Min(i => Item(i).PointRange.Low * Item(i).Weight)) * multiplier;
            var high = slots.Sum(slot => slot.Max(i => Item(i).PointRange.High * Item(i).Weight)) * multiplier;
            List<ScoreBand> Bands(List<BandEntry>? entries, string which)
            {
                var bands = (entries ?? []).Select(b => new ScoreBand(b.Id ?? "", b.From ?? int.MinValue, b.To ?? int.MinValue, ContentYaml.Text(b, name, $"{at}, bandet '{b.Id}'"))).ToList();
                // The bands in order cover low..high, each starting right after the one before: no gap, no overlap.
                var next = low;
                foreach (var band in bands)
                {
                    if (band.Id.Length == 0 || band.From != next || band.To < band.From)
                    {
                        throw new ContentException(name, 0, $"{at}: {which} ska i ordning täcka {low}–{high} utan glapp eller överlapp (fel vid '{band.Id}')");
                    }
                    next = band.To + 1;
                }
                if (next != high + 1)
                {
                    throw new ContentException(name, 0, $"{at}: {which} ska sluta på högsta möjliga poäng, {high}");
                }
                return bands;
            }
            var bands = Bands(scale.Bands, "banden");
            Dictionary<string, IReadOnlyList<ScoreBand>>? sexBands = null;
            if (scale.SexBands is { } bySex)
            {
                if (bySex.Keys.Order(StringComparer.Ordinal).SequenceEqual(["kvinna", "man"]) is false || scale.SexSource is null)
                {
                    throw new ContentException(name, 0, $"{at}: sex_bands ska ha band för både kvinna och man, och sex_source");
                }
                sexBands = bySex.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<ScoreBand>)Bands(kv.Value, $"banden för {kv.Key}"), StringComparer.Ordinal);
                Cited(scale.SexSource, $"{at}, sex_bands");
                var ids = bands.Concat(sexBands.Values.SelectMany(b => b)).Select(b => b.Id).ToList();
                if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
                {
                    throw new ContentException(name, 0, $"{at}: varje band ska ha ett eget id, också banden per kön");
                }
            }
            ScaleOutcome? outcome = null;
            if (scale.Outcome is { } o)
            {
                if (o.ResponsePercent is not (> 0 and < 100) || bands.All(b => b.Id != o.RemissionBand))
                {
                    throw new ContentException(name, 0, $"{at}: outcome behöver response_percent (1–99) och remission_band som är ett av skalans band");
                }
                outcome = new ScaleOutcome(o.ResponsePercent.Value, o.RemissionBand!, Cited(o.Source, $"{at}, outcome"));
            }
            scales.Add(new InstrumentScale(scaleId, ContentYaml.Text(scale.Name, name, $"{at}.name"), scaleItems, maxMissing, multiplier, bands, Cited(scale.Source, at), outcome,
                string.IsNullOrEmpty(scale.Loinc) ? null : LoincPattern().IsMatch(scale.Loinc) ? scale.Loinc : throw new ContentException(name, 0, $"{at}: loinc ska vara en LOINC-kod"),
                sexBands, oneOf.Count == 0 ? null : oneOf));
        }
        if (scales.Count == 0)
        {
            Fail("minst en skala");
        }
        var alerts = (file.Alerts ?? []).Select(a =>
        {
            var at = $"larmet på fråga '{a.Item}'";
            var item = items.SingleOrDefault(i => i.Id == a.Item) ?? throw new ContentException(name, 0, $"{at}: item ska vara en fråga i filen");
            if (a.AtLeast is not { } atLeast || item.Number is not null || item.Options.All(o => item.Points(o.Points) < atLeast) || a.Kind is not ("crisis" or "attention"))
            {
                throw new ContentException(name, 0, $"{at}: at_least ska vara en poäng frågan kan ge, och kind crisis eller attention");
            }
            return new InstrumentAlert(item.Id, atLeast, a.Kind, Cited(a.Source, at));
        }).ToList();
        return new Instrument(id, version!, file.Status!, ContentYaml.Text(file.Name, name, "name"), ContentYaml.Text(file.Licence, name, "licence"), sources,
            ContentYaml.Text(file.Intro, name, "intro"), items, scales, alerts);
    }

    // A profile (EQ-5D-5L's health state): each item a level of one digit other than the missing code, no bands or
    // prorating (a missing item is the missing code in its place, as the source says).
    private static InstrumentScale ProfileScale(ScaleEntry scale, IReadOnlyList<string> scaleItems, List<InstrumentItem> items, string name, string at, string source)
    {
        if (scale.Bands is not null || scale.SexBands is not null || scale.MaxMissing is not null || scale.Multiplier is not null || scale.Outcome is not null || scale.OneOf is not null)
        {
            throw new ContentException(name, 0, $"{at}: en profil har inga band, max_missing, multiplier, outcome eller one_of");
        }
        if (scaleItems.Select(i => items.Single(x => x.Id == i)).Any(x => x.Number is not null || x.Options.Any(o => x.Points(o.Points) is < 0 or > 8)))
        {
            throw new ContentException(name, 0, $"{at}: profilens frågor ska ha svar med en siffra 0–8 som nivå (9 står för ett svar som saknas)");
        }
        return new InstrumentScale(scale.Id!, ContentYaml.Text(scale.Name, name, $"{at}.name"), scaleItems, 0, 1, [], source,
            Loinc: string.IsNullOrEmpty(scale.Loinc) ? null : LoincPattern().IsMatch(scale.Loinc) ? scale.Loinc : throw new ContentException(name, 0, $"{at}: loinc ska vara en LOINC-kod"),
            Profile: true);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{1,7}-[0-9]$")]
    private static partial Regex LoincPattern();

    private sealed class InstrumentFile
    {
        public string? Id { get; set; }
        public string? Version { get; set; }
        public string? Status { get; set; }
        public ContentYaml.BilingualText? Name { get; set; }
        public ContentYaml.BilingualText? Licence { get; set; }
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public ContentYaml.BilingualText? Intro { get; set; }
        public Dictionary<string, List<OptionEntry>?>? AnswerSets { get; set; }
        public List<ItemEntry>? Items { get; set; }
        public List<ScaleEntry>? Scales { get; set; }
        public List<AlertEntry>? Alerts { get; set; }
    }

    private sealed class OptionEntry : ContentYaml.BilingualText
    {
        public int? Points { get; set; }
    }

    private sealed class ItemEntry : ContentYaml.BilingualText
    {
        public string? Id { get; set; }
        public string? Answers { get; set; }
        public bool? Reversed { get; set; }
        public NumberEntry? Number { get; set; }
        public int? Weight { get; set; }
    }

    private sealed class NumberEntry
    {
        public int? Min { get; set; }
        public int? Max { get; set; }
        public ContentYaml.BilingualText? Low { get; set; }
        public ContentYaml.BilingualText? High { get; set; }
    }

    private sealed class ScaleEntry
    {
        public string? Id { get; set; }
        public ContentYaml.BilingualText? Name { get; set; }
        public List<string>? Items { get; set; }
        public int? MaxMissing { get; set; }
        public int? Multiplier { get; set; }
        public string? Source { get; set; }
        public List<BandEntry>? Bands { get; set; }
        public OutcomeEntry? Outcome { get; set; }
        public string? Loinc { get; set; }
        public Dictionary<string, List<BandEntry>?>? SexBands { get; set; }
        public List<List<string>?>? OneOf { get; set; }
        public string? SexSource { get; set; }
        public string? Kind { get; set; }
    }

    private sealed class OutcomeEntry
    {
        public int? ResponsePercent { get; set; }
        public string? RemissionBand { get; set; }
        public string? Source { get; set; }
    }

    private sealed class BandEntry : ContentYaml.BilingualText
    {
        public string? Id { get; set; }
        public int? From { get; set; }
        public int? To { get; set; }
    }

    private sealed class AlertEntry
    {
        public string? Item { get; set; }
        public int? AtLeast { get; set; }
        public string? Kind { get; set; }
        public string? Source { get; set; }
    }
}
