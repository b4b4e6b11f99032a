using Nara.Platform.Api;

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
    public void Only_paths_on_this_site_are_followed(string? candidate, string expected) =>
        Assert.Equal(expected, LocalRedirects.SafeOr(candidate, "/"));
}
