using System.Globalization;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.Records.Content;

/// <summary>
/// The titles of the ICD-10-SE codes Nära shows (content/records/diagnoses.yaml, citing Socialstyrelsen's ICD-10-SE and
/// WHO's ICD-10): in Swedish, or in English when the page is. A code that is not listed falls back to its three-character
/// category's title when that is listed; otherwise there is no name and the code is shown alone — never a guess.
/// </summary>
public sealed class DiagnosisNames
{
    public const string FileName = "diagnoses.yaml";

    private readonly IReadOnlyDictionary<string, (string Sv, string En)> _names;

    private DiagnosisNames(IReadOnlyDictionary<string, (string Sv, string En)> names) => _names = names;

    public IReadOnlyCollection<string> Codes => (IReadOnlyCollection<string>)_names.Keys;

    /// <summary>The title in the UI culture (Swedish unless English is asked for), or null when the code is not known.</summary>
    public string? NameOf(string? code, CultureInfo? culture = null)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var key = code.Trim().ToUpperInvariant();
        if (!_names.TryGetValue(key, out var name) && !(key.Length > 3 && _names.TryGetValue(key[..3], out name)))
        {
            return null;
        }
        return (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en" ? name.En : name.Sv;
    }

    /// <summary>How the pages write a diagnosis: "Hjärtsvikt, ospecificerad (I50.9)", the code alone without a name, "–" without a code.</summary>
    public static string Text(string? code, string? name) => code is null ? "–" : name is null ? code : $"{name} ({code})";

    public static DiagnosisNames Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new ContentException(FileName, 0, $"filen saknas i {folder}");
        }
        DiagnosisFile? file;
        try
        {
            using var reader = new StreamReader(path);
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<DiagnosisFile>(reader);
        }
        catch (YamlException ex)
        {
            throw new ContentException(FileName, ex.Start.Line, ex.InnerException?.Message ?? ex.Message);
        }
        if (file?.Sources is not { Count: > 0 } sources || sources.Any(s => string.IsNullOrWhiteSpace(s.Title) || string.IsNullOrWhiteSpace(s.Url)))
        {
            throw new ContentException(FileName, 0, "källa saknas: varje källa behöver title och url");
        }
        var names = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (entry, i) in (file.Codes ?? []).Select((e, i) => (e, i)))
        {
            if (string.IsNullOrWhiteSpace(entry.Code) || string.IsNullOrWhiteSpace(entry.Sv) || string.IsNullOrWhiteSpace(entry.En))
            {
                throw new ContentException(FileName, 0, $"kod nr {i + 1} saknar code, sv eller en");
            }
            if (!System.Text.RegularExpressions.Regex.IsMatch(entry.Code, @"^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$"))
            {
                throw new ContentException(FileName, 0, $"'{entry.Code}' är ingen ICD-10-kod");
            }
            if (!names.TryAdd(entry.Code, (entry.Sv.Trim(), entry.En.Trim())))
            {
                throw new ContentException(FileName, 0, $"koden {entry.Code} finns två gånger");
            }
        }
        return names.Count == 0 ? throw new ContentException(FileName, 0, "inga koder") : new DiagnosisNames(names);
    }

    private sealed class DiagnosisFile
    {
        public List<Source>? Sources { get; set; }
        public List<Entry>? Codes { get; set; }
    }

    private sealed class Source
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Publisher { get; set; }
        public string? Url { get; set; }
        public int? Year { get; set; }
    }

    private sealed class Entry
    {
        public string? Code { get; set; }
        public string? Sv { get; set; }
        public string? En { get; set; }
    }
}
