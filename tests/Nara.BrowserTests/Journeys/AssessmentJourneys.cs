using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

[Collection(ChromiumTests.Name)]
public sealed class AssessmentJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task A_nurse_reviews_the_PHQ_9_and_tries_it_the_score_band_and_crisis_alert_are_as_published()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("har vårdrelation");
        await page.GotoAsync("/formular");
        await Assertions.Expect(page.Heading("Skattningsformulär")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "PHQ-9 – nedstämdhet och depression" }).ClickAsync();
        await Assertions.Expect(page.Heading("PHQ-9 – nedstämdhet och depression")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Eight items "more than half the days" (2 points each) and item 9 "several days" (1): 17, moderately severe, and
        // item 9 above 0 is a crisis alert.
        var items = page.Locator("form fieldset");
        for (var i = 0; i < 8; i++)
        {
            await items.Nth(i).GetByLabel("Mer än hälften av dagarna").CheckAsync();
        }
        await items.Nth(8).GetByLabel("Flera dagar").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Räkna ut poäng" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Resultat" });
        await Assertions.Expect(result).ToContainTextAsync("17 poäng – Medelsvåra symtom");
        await Assertions.Expect(result).ToContainTextAsync("Larm: svaret på fråga 9");
        await page.AssertAccessibleAsync();

        // One item left out: no score, as the source defines no prorating.
        await page.GotoAsync("/formular/phq-9");
        for (var i = 0; i < 8; i++)
        {
            await items.Nth(i).GetByLabel("Inte alls").CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Räkna ut poäng" }).ClickAsync();
        await Assertions.Expect(result).ToContainTextAsync("Ingen poäng: svar saknas på 1 av frågorna");
        await page.Context.CloseAsync();
    }
}
