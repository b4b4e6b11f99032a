using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace Nara.Platform.Api;

/// <summary>
/// Headers that keep pages from being framed, sniffed or leaking paths (which can carry ids) to other sites, and a
/// Content-Security-Policy that lets a page run only the site's own script files: an injected script tag, inline
/// script or event handler does not run, and nothing is sent to another origin.
/// </summary>
public static class SecurityHeaders
{
    // The site's policy; a page adds the hash of its import map to script-src. WebRTC media arrives as a MediaStream
    // (mediastream:); SignalR's WebSocket to this site counts as 'self' under CSP 3.
    private static string SitePolicy(string scripts) =>
        $"default-src 'self'; script-src 'self'{scripts}; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar, served by the app itself, no CDN) starts from an inline module script and styles its
    /// components inline. That exception holds for <c>/docs</c> only, a page without personal data; scripts still come
    /// from this site alone.
    /// </summary>
    public const string DocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string DocsPath = "/docs";

    public static IApplicationBuilder UseNaraSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(self), microphone=(self), geolocation=()";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(DocsPath) ? DocsPolicy : PolicyFor(context);
            await next();
        });

    private static readonly ConcurrentDictionary<ResourceAssetCollection, string> PagePolicies = new();

    /// <summary>The policy of a response that is not a page (an API answer, a file).</summary>
    public static readonly string PlainPolicy = SitePolicy(string.Empty);

    /// <summary>
    /// A page carries an import map (App.razor's &lt;ImportMap/&gt;: the fingerprinted names of the script files), which
    /// is an inline script. Its text is fixed by the build, so its hash is allowed rather than inline scripts at large.
    /// </summary>
    private static string PolicyFor(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ResourceAssetCollection>() is not { } assets)
        {
            return PlainPolicy;
        }
        return PagePolicies.GetOrAdd(assets, a =>
        {
            var importMap = ImportMapDefinition.FromResourceCollection(a).ToString();
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));
            return SitePolicy($" 'sha256-{hash}'");
        });
    }
}
