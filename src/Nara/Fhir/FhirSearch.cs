using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Primitives;

namespace Nara.Fhir;

/// <summary>A search parameter a handler declares: its name, FHIR type and what it matches (shown in the CapabilityStatement).</summary>
public sealed record FhirSearchParameter(string Name, SearchParamType Type, string Documentation);

/// <summary>A token value: <c>system|code</c>, <c>|code</c> (System empty: no system) or <c>code</c> (System null: any system).</summary>
public sealed record FhirToken(string? System, string Code);

/// <summary>A reference value: <c>Type/id</c> or a bare <c>id</c> (Type null).</summary>
public sealed record FhirReference(string? Type, string Id);

/// <summary>
/// A date value with its comparison prefix. <see cref="Start"/> and <see cref="End"/> (exclusive) span the precision the
/// client gave: <c>2024</c> is the whole year. Without a time zone the value is Swedish local time.
/// </summary>
public sealed record FhirDate(string Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>FHIR's comparison of this value against a point in time.</summary>
    public bool Matches(DateTimeOffset value) => Prefix switch
    {
        "eq" => value >= Start && value < End,
        "ge" => value >= Start,
        "gt" => value >= End,
        "le" => value < End,
        "lt" => value < Start,
        _ => false,
    };
}

/// <summary>The parsed and validated search of one request: every value has been checked against its declared type.</summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 20;
    public const int MaxCount = 100;

    private static readonly HashSet<string> DatePrefixes = ["eq", "ge", "gt", "le", "lt"];
    private static readonly HashSet<string> Ignored = ["_format"];
    private readonly Dictionary<string, List<object>> _values;

    private FhirSearch(Dictionary<string, List<object>> values, IReadOnlyList<KeyValuePair<string, string>> given, int count, int offset, bool wantsTotal)
    {
        _values = values;
        Given = given;
        Count = count;
        Offset = offset;
        WantsTotal = wantsTotal;
    }

    /// <summary>
    /// Whether the client asked for Bundle.total: <c>_total=accurate</c> or <c>estimate</c>, or <c>_count=0</c> (the
    /// total only). FHIR leaves it to the server otherwise, and Nära does not count what nobody asked for.
    /// </summary>
    public bool WantsTotal { get; }

    /// <summary>Page size: _count, default 20, at most 100. Zero asks for the total only.</summary>
    public int Count { get; }

    /// <summary>Matches to skip: _offset.</summary>
    public int Offset { get; }

    /// <summary>The search parameters given (without _count, _offset, _format; with _total), for the paging links.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Given { get; }

    public bool IsEmpty => _values.Count == 0;

    /// <summary>The same search for another page (a resource served by several sources asks each for its part).</summary>
    public FhirSearch WithPage(int offset, int count, bool wantsTotal) => new(_values, Given, count, offset, wantsTotal);

    public FhirToken? Token(string name) => Single<FhirToken>(name);

    public string? Text(string name) => Single<string>(name);

    /// <summary>A uri parameter's value as given (trimmed); matching it (exactly, or with a canonical's |version) is the handler's.</summary>
    public string? Uri(string name) => Single<string>(name);

    public FhirReference? Reference(string name) => Single<FhirReference>(name);

    public IReadOnlyList<FhirDate> Dates(string name) =>
        _values.TryGetValue(name, out var list) ? list.Cast<FhirDate>().ToList() : [];

    private T? Single<T>(string name) where T : class =>
        _values.TryGetValue(name, out var list) ? (T)list[0] : null;

    public static FhirSearch Parse(string resourceType, IReadOnlyList<FhirSearchParameter> declared, IEnumerable<KeyValuePair<string, StringValues>> query, TimeZoneInfo zone)
    {
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        var raw = new List<KeyValuePair<string, string>>();
        var count = DefaultCount;
        var offset = 0;
        var total = false;
        foreach (var (name, given) in query)
        {
            if (Ignored.Contains(name))
            {
                continue;
            }
            if (name == "_count")
            {
                count = Math.Min(NonNegative(name, given), MaxCount);
                continue;
            }
            if (name == "_offset")
            {
                offset = NonNegative(name, given);
                continue;
            }
            if (name == "_total")
            {
                total = given.Count == 1 && given[0] is "accurate" or "estimate" ? true
                    : given.Count == 1 && given[0] == "none" ? false
                    : throw FhirException.BadParameter(name, "ska vara none, estimate eller accurate.");
                raw.Add(new(name, given[0]!));
                continue;
            }
            if (!byName.TryGetValue(name, out var parameter))
            {
                var allowed = string.Join(", ", declared.Select(p => p.Name).Append("_count").Append("_offset").Append("_total"));
                throw new FhirException(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                    $"Okänd sökparameter '{name}' för {resourceType}. Tillåtna: {allowed}.", name);
            }
            if (given.Count > 1 && parameter.Type != SearchParamType.Date)
            {
                throw FhirException.BadParameter(name, "får bara anges en gång.");
            }
            foreach (var text in given)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw FhirException.BadParameter(name, "värde saknas.");
                }
                if (text.Contains(',', StringComparison.Ordinal))
                {
                    throw FhirException.BadParameter(name, "flera värden (kommatecken) stöds inte.");
                }
                object value = parameter.Type switch
                {
                    SearchParamType.String or SearchParamType.Uri => text.Trim(),
                    SearchParamType.Token => ParseToken(text),
                    SearchParamType.Reference => ParseReference(name, text),
                    SearchParamType.Date => ParseDate(name, text, zone),
                    _ => throw new InvalidOperationException($"Search parameter type {parameter.Type} is not implemented by the edge."),
                };
                if (!values.TryGetValue(name, out var list))
                {
                    values[name] = list = [];
                }
                list.Add(value);
                raw.Add(new(name, text));
            }
        }
        return new FhirSearch(values, raw, count, offset, total || count == 0);
    }

    private static int NonNegative(string name, StringValues given)
    {
        if (given.Count != 1 || !int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            throw FhirException.BadParameter(name, "ska vara ett heltal större än eller lika med 0.");
        }
        return n;
    }

    private static FhirToken ParseToken(string text)
    {
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? new FhirToken(null, text.Trim()) : new FhirToken(text[..bar].Trim(), text[(bar + 1)..].Trim());
    }

    private static FhirReference ParseReference(string name, string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            throw FhirException.BadParameter(name, $"'{text}' ska vara 'Typ/id' eller ett id.");
        }
        return parts.Length == 2 ? new FhirReference(parts[0], parts[1]) : new FhirReference(null, parts[0]);
    }

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
    ];

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
    ];

    private static FhirDate ParseDate(string name, string text, TimeZoneInfo zone)
    {
        var prefix = "eq";
        var value = text.Trim();
        if (value.Length > 2 && char.IsAsciiLetterLower(value[0]) && char.IsAsciiLetterLower(value[1]))
        {
            prefix = value[..2];
            value = value[2..];
            if (!DatePrefixes.Contains(prefix))
            {
                throw FhirException.BadParameter(name, $"prefixet '{prefix}' stöds inte (eq, ge, gt, le, lt).");
            }
        }
        var inv = CultureInfo.InvariantCulture;
        DateTimeOffset Local(DateTime local) => new(local, zone.GetUtcOffset(local));
        // Years far outside what care records hold (9999, 0001) are refused before any arithmetic on them can overflow.
        if (value.Length >= 4 && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, inv, out var givenYear) && givenYear is < Platform.Api.DateBounds.MinYear or > Platform.Api.DateBounds.MaxYear)
        {
            throw FhirException.BadParameter(name, $"'{text}': året ska ligga mellan {Platform.Api.DateBounds.MinYear} och {Platform.Api.DateBounds.MaxYear}.");
        }
        if (DateTime.TryParseExact(value, "yyyy", inv, DateTimeStyles.None, out var year))
        {
            return new FhirDate(prefix, Local(year), Local(year.AddYears(1)));
        }
        if (DateTime.TryParseExact(value, "yyyy-MM", inv, DateTimeStyles.None, out var month))
        {
            return new FhirDate(prefix, Local(month), Local(month.AddMonths(1)));
        }
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", inv, DateTimeStyles.None, out var day))
        {
            return new FhirDate(prefix, Local(day), Local(day.AddDays(1)));
        }
        if (DateTimeOffset.TryParseExact(value, OffsetFormats, inv, DateTimeStyles.None, out var instant))
        {
            return new FhirDate(prefix, instant, instant.AddSeconds(1));
        }
        if (DateTime.TryParseExact(value, LocalFormats, inv, DateTimeStyles.None, out var local))
        {
            return new FhirDate(prefix, Local(local), Local(local).AddSeconds(1));
        }
        throw FhirException.BadParameter(name, $"'{text}' är inget giltigt datum (ÅÅÅÅ, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD eller tidpunkt).");
    }
}
