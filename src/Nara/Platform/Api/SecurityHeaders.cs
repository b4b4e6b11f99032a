namespace Nara.Platform.Api;

/// <summary>Headers that keep pages from being framed, sniffed or leaking paths (which can carry ids) to other sites.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseNaraSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(self), geolocation=()";
            await next();
        });
}
