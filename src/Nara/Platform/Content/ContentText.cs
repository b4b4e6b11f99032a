using System.Globalization;

namespace Nara.Platform.Content;

/// <summary>A text of a content file in Swedish and English.</summary>
public sealed record Bilingual(string Sv, string En)
{
    public string In(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? En : Sv;
}

/// <summary>A source a content file cites: a publication or an official page.</summary>
public sealed record CitedSource(string Id, string Title, string Publisher, string Url, int? Year);

/// <summary>
/// The shapes every content file shares, as YamlDotNet reads them (<c>{ sv, en }</c> texts and a <c>sources</c> list), and
/// their checks: a missing translation or a source without an address stops the start with the file named.
/// </summary>
public static class ContentYaml
{
    /// <summary>The cited sources of a content file: at least one, each with its own id, a title, a publisher and an https address.</summary>
    public static IReadOnlyList<CitedSource> Sources(List<SourceEntry>? entries, string file)
    {
        var sources = (entries ?? []).Select(s => s.Id is { Length: > 0 } && s.Title is { Length: > 0 } && s.Publisher is { Length: > 0 }
                && Uri.TryCreate(s.Url, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? new CitedSource(s.Id, s.Title, s.Publisher, s.Url!, s.Year)
            : throw new ContentException(file, 0, $"källan '{s.Id}' behöver id, title, publisher och en https-url")).ToList();
        if (sources.Count == 0 || sources.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != sources.Count)
        {
            throw new ContentException(file, 0, "minst en källa, och varje källa med ett eget id");
        }
        return sources;
    }

    /// <summary>A text that must be there in both languages.</summary>
    public static Bilingual Text(BilingualText? text, string file, string where) =>
        text is { Sv: { Length: > 0 } sv, En: { Length: > 0 } en } ? new Bilingual(sv.Trim(), en.Trim()) : throw new ContentException(file, 0, $"{where} behöver sv och en");

    /// <summary><c>{ sv: …, en: … }</c> in a content file.</summary>
    public class BilingualText
    {
        public string? Sv { get; set; }
        public string? En { get; set; }
    }

    /// <summary>An entry of a content file's <c>sources</c>.</summary>
    public sealed class SourceEntry
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Publisher { get; set; }
        public string? Url { get; set; }
        public int? Year { get; set; }
    }
}
