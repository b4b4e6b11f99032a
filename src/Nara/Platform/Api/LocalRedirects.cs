namespace Nara.Platform.Api;

public static class LocalRedirects
{
    /// <summary>
    /// A redirect target taken from a request, if it is a path on this site; else the fallback. An open redirect would
    /// let a phishing link borrow Nära's address.
    /// </summary>
    public static string SafeOr(string? candidate, string fallback) =>
        candidate is { Length: > 0 } && candidate.StartsWith('/') && !candidate.StartsWith("//", StringComparison.Ordinal) && !candidate.StartsWith("/\\", StringComparison.Ordinal)
            ? candidate
            : fallback;
}
