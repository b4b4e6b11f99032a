using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>The API reference at /docs (Scalar, served by the app itself) works under its own Content-Security-Policy.</summary>
[Collection(ChromiumTests.Name)]
public sealed class ApiReferenceJourneys(NaraServer server) : IDisposable
{
    // Scalar's bundle includes Zod, which probes once with Function("") whether it may compile validators and, refused,
    // validates without: the one blocked eval is that probe, not something the page needs.
    public void Dispose() => server.AssertNoCspViolations(expected: v => v.Contains("script-src blockerade eval på", StringComparison.Ordinal) && v.Contains("/docs/", StringComparison.Ordinal));

    [Fact]
    public async Task A_developer_opens_the_API_reference_and_finds_the_sign_in_operation()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/docs");
        await Assertions.Expect(page).ToHaveTitleAsync("Nära API");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inloggning", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Den inloggade användaren.").First).ToBeVisibleAsync();
    }
}
