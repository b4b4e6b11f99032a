namespace Nara.Modules.Triage;

/// <summary>
/// The key of an assessment made without signing in, kept in the browser in a cookie for that assessment only
/// (HttpOnly, SameSite=Lax, path /hjalp, for as long as the assessment can be sent).
/// </summary>
public static class AssessmentCookie
{
    private static string Name(Guid id) => $"nara-bedomning-{id:N}";

    public static void Set(HttpContext http, Guid id, string key) =>
        http.Response.Cookies.Append(Name(id), key, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/hjalp",
            // Relative, so the browser's clock decides: the server's clock may be set to another day (tests, demos).
            MaxAge = AssessmentSessions.Idle + AssessmentSessions.SendWithin,
            IsEssential = true,
        });

    public static string? Get(HttpContext? http, Guid id) => http?.Request.Cookies[Name(id)];
}
