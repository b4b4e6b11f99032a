using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>The API reference at /docs (Scalar, served by the app itself) works under its own Content-Security-Policy.</summary>
[Collection(ChromiumTests.Name)]
public sealed class ApiReferenceJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task A_developer_opens_the_API_reference_and_finds_the_sign_in_operation()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/docs");
        await Assertions.Expect(page.GetByText("Nära API").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Den inloggade användaren.").First).ToBeVisibleAsync();
    }
}
