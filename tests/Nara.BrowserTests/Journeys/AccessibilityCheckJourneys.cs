using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>The accessibility check every journey relies on can fail: a page with known WCAG violations is refused, a clean one passes.</summary>
[Collection(ChromiumTests.Name)]
public sealed class AccessibilityCheckJourneys(NaraServer server)
{
    [Fact]
    public async Task Axe_refuses_a_page_with_an_unlabelled_field_and_an_image_without_text()
    {
        var page = await server.NewPageAsync();
        await page.SetContentAsync("""
            <!doctype html><html lang="sv"><head><title>Prov</title></head>
            <body><main><h1>Prov</h1><input type="text"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(page.AssertAccessibleAsync);
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);

        await page.SetContentAsync("""
            <!doctype html><html lang="sv"><head><title>Prov</title></head>
            <body><main><h1>Prov</h1><label for="f">Namn</label><input id="f" type="text"></main></body></html>
            """);
        await page.AssertAccessibleAsync();
        await page.Context.CloseAsync();
    }
}
