using System.Text;

namespace Nara.Platform.Persistence;

/// <summary>
/// A text folded for prefix search in SQL: NFC, lower case (Unicode, so "Å" is "å" on both engines, which SQLite's
/// lower() is not). A property whose name ends in <c>SearchKey</c> is compared byte by byte on both engines (SQLite's
/// default BINARY collation; collation "C" on PostgreSQL, set by <see cref="PostgresNaraDbContext"/>), so a prefix is a
/// range an ordinary index answers: <c>key &gt;= prefix AND key &lt; next</c>, where next is the prefix with its last
/// character raised by one. A linguistic collation would make that range unsafe (Swedish sorts "ü" with "y").
/// </summary>
public static class SearchKey
{
    public const string PropertySuffix = "SearchKey";

    // Upper-case letters outside ASCII that Nordic and European names use; SQL lower() folds only ASCII on SQLite (and
    // under a C locale on PostgreSQL), so the backfill of existing rows replaces these first.
    private const string UpperNonAscii = "ÅÄÖÆØÉÈÊËÜÛÙÚÁÀÂÃÍÌÎÏÓÒÔÕÑÇÝŠŽ";

    /// <summary>
    /// SQL that folds a column as <see cref="Of"/> does for names (for the migration that fills the keys of existing
    /// rows; new rows get theirs from the entity). The column name comes from code, never from input.
    /// </summary>
    public static string SqlFold(string quotedColumn)
    {
        var sql = quotedColumn;
        foreach (var c in UpperNonAscii)
        {
            sql = $"replace({sql}, '{c}', '{char.ToLowerInvariant(c)}')";
        }
        return $"lower({sql})";
    }

    public static string Of(string text) => text.Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>The half-open range [From, To) of keys that start with the folded prefix; To is null when no bound exists.</summary>
    public static (string From, string? To) PrefixRange(string prefix)
    {
        var from = Of(prefix);
        if (from.Length == 0)
        {
            return (from, null);
        }
        var last = from[^1];
        // A last character at the top of the range (or half of a surrogate pair) has no simple successor: bound from below only.
        return last == char.MaxValue || char.IsSurrogate(last) ? (from, null) : (from, from[..^1] + (char)(last + 1));
    }
}
