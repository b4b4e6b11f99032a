using Microsoft.Extensions.Primitives;

namespace Nara.Platform.Api;

/// <summary>
/// Refuses a state-changing request that carries a cookie but was sent by another site: a form on another origin could
/// otherwise cancel a resident's booking or sign them out with their own cookie, with only SameSite=Lax in the way.
/// The browser says where a request comes from (<c>Origin</c>, else <c>Sec-Fetch-Site</c>); a request that says
/// neither, or carries no cookie (a machine client with a token or none), passes. Blazor's form posts and SignalR are
/// same-origin and pass.
/// </summary>
public static class SameOriginRequests
{
    public const string Title = "Åtkomst nekad";
    public const string Detail = "Begäran kom från en annan webbplats och har stoppats.";

    public static IApplicationBuilder UseNaraSameOriginRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsCrossSite(context.Request))
            {
                await TypedResults.Problem(title: Title, detail: Detail, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            await next();
        });

    /// <summary>True when a cookie-carrying POST, PUT, PATCH or DELETE was sent from another origin.</summary>
    public static bool IsCrossSite(HttpRequest request)
    {
        var method = request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method)))
        {
            return false;
        }
        // The e-ID broker's answer comes as a form post from the broker's site by design (OIDC form_post).
        if (StringValues.IsNullOrEmpty(request.Headers.Cookie) || request.Path.StartsWithSegments(Auth.AuthSetup.OidcCallbackPath))
        {
            return false;
        }
        var origin = request.Headers.Origin;
        if (!StringValues.IsNullOrEmpty(origin))
        {
            // "null" (a sandboxed frame, a redirect across sites, a file) and several values are foreign too.
            return origin.Count != 1 || !IsOwnOrigin(origin.ToString(), request);
        }
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase)
            || string.Equals(site, "same-site", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>This site's origin as the request sees it: the scheme after forwarded headers, the host and port it was sent to.</summary>
    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var theirs) || !request.Host.HasValue
            || !Uri.TryCreate($"{request.Scheme}://{request.Host.Value}", UriKind.Absolute, out var ours))
        {
            return false;
        }
        return string.Equals(theirs.Scheme, ours.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(theirs.IdnHost, ours.IdnHost, StringComparison.OrdinalIgnoreCase)
            && theirs.Port == ours.Port
            && theirs.AbsolutePath == "/";
    }
}
