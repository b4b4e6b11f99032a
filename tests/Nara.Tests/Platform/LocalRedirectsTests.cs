using Nara.Platform.Api;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

public sealed class LocalRedirectsTests
{
    [Theory]
    [InlineData("/mina-sidor", "/mina-sidor")]
    [InlineData("/min-arbetsdag?x=1", "/min-arbetsdag?x=1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    [InlineData("/\u0001", "/")]
    [InlineData("/mina-sidor\u0000", "/")]
    [InlineData("/\u202e", "/")]
    [InlineData("/\u00e5", "/")]
    [InlineData("/a b", "/")]
    public void Only_paths_on_this_site_are_followed(string? candidate, string expected) =>
        Assert.Equal(expected, LocalRedirects.SafeOr(candidate, "/"));
}

/// <summary>The language switch and the demo sign-in follow a return address only when it is safe, and never fail on one.</summary>
[Collection(SqliteTests.Name)]
public sealed class ReturnAddressTests(SqliteApp app)
{
    [Theory]
    [InlineData("/sprak/en?returnUrl=%2F%01")]
    [InlineData("/sprak/sv?returnUrl=%2F%E2%80%AE")]
    [InlineData("/sprak/sv?returnUrl=%2F%C3%A5")]
    public async Task The_language_switch_never_fails_on_an_odd_return_address(string path)
    {
        var response = await app.AnonymousClient().GetAsync(path);
        Assert.True((int)response.StatusCode is 302 or 400, $"{path}: {(int)response.StatusCode}");
        if ((int)response.StatusCode == 302)
        {
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }
    }
}
