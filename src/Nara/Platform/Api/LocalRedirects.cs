namespace Nara.Platform.Api;

public static class LocalRedirects
{
    /// <summary>
    /// A redirect target taken from a request, if it is a path on this site written in plain URL characters; else the
    /// fallback. An open redirect would let a phishing link borrow Nära's address, and a control character or any other
    /// character outside printable ASCII cannot go into a Location header at all (the framework would throw).
    /// </summary>
    public static string SafeOr(string? candidate, string fallback) =>
        candidate is { Length: > 0 and <= 2000 } && candidate.StartsWith('/') && !candidate.StartsWith("//", StringComparison.Ordinal)
        && !candidate.StartsWith("/\\", StringComparison.Ordinal) && candidate.All(c => c is > ' ' and < '\u007f')
            ? candidate
            : fallback;
}
