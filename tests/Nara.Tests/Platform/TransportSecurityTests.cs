using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>A host that trusts one load balancer by address and one network of them.</summary>
public sealed class BehindProxyApp : SqliteApp
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["Nara:Proxy:KnownProxies:0"] = "10.0.0.5";
        settings["Nara:Proxy:KnownNetworks:0"] = "10.1.0.0/16";
    }
}

/// <summary>HTTPS as the browser sees it: HSTS, Secure cookies behind a TLS load balancer, and the Content-Security-Policy.</summary>
public sealed partial class TransportSecurityTests(BehindProxyApp app) : IClassFixture<BehindProxyApp>
{
    private HttpClient Client(string baseAddress = "http://nara.example") =>
        app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task An_https_request_is_told_to_keep_to_https()
    {
        var response = await Client("https://nara.example").GetAsync("/");

        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no Strict-Transport-Security header");
        Assert.Matches("^max-age=\\d{7,}", hsts!.Single());
    }

    [Fact]
    public async Task A_plain_http_request_gets_no_HSTS()
    {
        var response = await Client().GetAsync("/");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<string> SignInCookieAsync(string remoteAddress, string? forwardedProto)
    {
        var resident = await app.Data.ResidentAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/demo") { Content = JsonContent.Create(new { kind = "resident", id = resident.Id.Value }) };
        request.Headers.Add(TestRemoteAddress.Header, remoteAddress);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        var response = await Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nara.auth=", StringComparison.Ordinal));
    }

    private static bool IsSecure(string setCookie) =>
        setCookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("10.0.0.5")]
    [InlineData("10.1.200.3")]
    public async Task Behind_a_trusted_TLS_load_balancer_the_session_cookie_is_Secure(string loadBalancer)
    {
        Assert.True(IsSecure(await SignInCookieAsync(loadBalancer, "https")));
    }

    [Fact]
    public async Task X_Forwarded_Proto_from_an_untrusted_address_is_ignored()
    {
        Assert.False(IsSecure(await SignInCookieAsync("203.0.113.9", "https")));
    }

    [Fact]
    public async Task Over_plain_http_the_session_cookie_is_not_Secure()
    {
        // Otherwise a demo on http://localhost could not sign in at all.
        Assert.False(IsSecure(await SignInCookieAsync("10.0.0.5", null)));
    }

    [Fact]
    public async Task The_antiforgery_and_language_cookies_are_Secure_over_https()
    {
        var client = Client("https://nara.example");

        var page = await client.GetAsync("/demo-inloggning");
        Assert.True(IsSecure(page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))));
        var language = await client.GetAsync("/sprak/en");
        Assert.True(IsSecure(language.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal))));
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    private static void AssertSitePolicy(Dictionary<string, string> csp)
    {
        Assert.Equal("'self'", csp["default-src"]);
        Assert.StartsWith("'self'", csp["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp["script-src"], StringComparison.Ordinal);
        Assert.Equal("'self'", csp["style-src"]);
        Assert.Equal("'self' data: blob:", csp["img-src"]);
        Assert.Equal("'self' blob: mediastream:", csp["media-src"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'self'", csp["font-src"]);
        Assert.Equal("'none'", csp["object-src"]);
        Assert.Equal("'self'", csp["base-uri"]);
        Assert.Equal("'self'", csp["form-action"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
    }

    [Fact]
    public async Task A_page_runs_only_the_sites_script_files_and_its_own_import_map()
    {
        var response = await Client().GetAsync("/");
        var csp = Directives(response);

        AssertSitePolicy(csp);
        // The import map is the one inline script on a page; the policy allows exactly its text.
        var html = await response.Content.ReadAsStringAsync();
        var importMap = ImportMapRegex().Match(html);
        Assert.True(importMap.Success, "the page has no import map");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.Groups[1].Value)));
        Assert.Equal($"'self' 'sha256-{hash}'", csp["script-src"]);
        Assert.DoesNotMatch("<script(?![^>]*(src=|type=\"importmap\"))", html);
    }

    [Fact]
    public async Task An_API_answer_carries_the_policy_too()
    {
        var response = await Client().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Directives(response);
        AssertSitePolicy(csp);
        Assert.Equal("'self'", csp["script-src"]);
    }

    [Fact]
    public async Task The_API_reference_has_its_own_narrower_exception()
    {
        var csp = Directives(await Client().GetAsync("/docs/"));

        Assert.Equal("'self' 'unsafe-inline'", csp["script-src"]);
        Assert.Equal("'self'", csp["connect-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
    }

    [GeneratedRegex("<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ImportMapRegex();
}
