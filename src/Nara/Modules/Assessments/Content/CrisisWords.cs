using System.Text;
using Nara.Modules.Assessments.Contracts;
using Nara.Platform.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Nara.Modules.Assessments.Content;

/// <summary>
/// Loads and checks <c>content/crisis/words.yaml</c> at start-up (phrases in Swedish and English, a cited source) and
/// matches a text against them as whole words, after lower-casing and removing punctuation.
/// </summary>
public sealed class CrisisWords : ICrisisWords
{
    private readonly IReadOnlyList<string> _phrases;

    private CrisisWords(IReadOnlyList<string> phrases) => _phrases = phrases;

    public IReadOnlyList<string> Phrases => _phrases;

    public static CrisisWords Load(string folder)
    {
        const string name = "words.yaml";
        WordsFile? file;
        try
        {
            using var reader = new StreamReader(Path.Combine(folder, name));
            file = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<WordsFile>(reader);
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
        if (file!.Source is not { } source || sources.All(s => s.Id != source))
        {
            throw new ContentException(name, 0, "source ska vara en av källorna under sources");
        }
        var phrases = (file.Phrases?.Sv ?? []).Concat(file.Phrases?.En ?? []).Select(Normalise).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if ((file.Phrases?.Sv?.Count ?? 0) == 0 || (file.Phrases?.En?.Count ?? 0) == 0)
        {
            throw new ContentException(name, 0, "phrases behöver sv och en");
        }
        return new CrisisWords(phrases);
    }

    public bool Matches(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var padded = $" {Normalise(text)} ";
        return _phrases.Any(p => padded.Contains($" {p} ", StringComparison.Ordinal));
    }

    /// <summary>Lower case, letters and digits only, one space between words.</summary>
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }
                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return builder.ToString();
    }

    private sealed class WordsFile
    {
        public List<ContentYaml.SourceEntry>? Sources { get; set; }
        public string? Source { get; set; }
        public PhraseLists? Phrases { get; set; }
    }

    private sealed class PhraseLists
    {
        public List<string>? Sv { get; set; }
        public List<string>? En { get; set; }
    }
}
