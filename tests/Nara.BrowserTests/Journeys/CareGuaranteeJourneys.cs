using ClosedXML.Excel;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

[Collection(ChromiumTests.Name)]
public sealed class CareGuaranteeJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    private const string HeadOfUnit = "Verksamhetschef för";

    [Fact]
    public async Task Head_of_unit_sees_a_case_at_risk_of_breaching_the_three_day_guarantee_opens_its_clock_and_exports_to_Excel()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(HeadOfUnit);

        await page.GetByRole(AriaRole.Link, new() { Name = "Vårdgaranti", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading("Vårdgarantin 0-3-90-90")).ToBeVisibleAsync();
        var atRisk = page.GetByRole(AriaRole.Table, new() { Name = "Pågående klockor nära sista dagen" });
        var dayTwo = atRisk.GetByRole(AriaRole.Row).Filter(new() { HasText = "3 – medicinsk bedömning" }).Filter(new() { HasText = "dag 2 av 3" }).First;
        await Assertions.Expect(dayTwo).ToContainTextAsync("Risk");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Överskriden vårdgaranti" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Följsamhet per enhet och månad" })).ToBeVisibleAsync();
        // The compliance chart: drawn by the chart library, named for screen readers, its figures one click away as a table.
        var chart = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Andel i tid per månad\\. Andelen som fick") });
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Chart && window.Chart.getChart(document.querySelector('canvas[data-chart]'))");
        var lines = await page.EvaluateAsync<string[]>("() => window.Chart.getChart(document.querySelector('canvas[data-chart]')).data.datasets.map(d => d.label)");
        Assert.Contains("Vårdgarantins krav (alla)", lines);
        Assert.Contains("3 – medicinsk bedömning", lines);
        await page.GetByText("Visa siffrorna som tabell").ClickAsync();
        await Assertions.Expect(page.Locator("details.chart-table table")).ToContainTextAsync("%");
        await page.AssertAccessibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Exportera till Excel" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using (var file = File.OpenRead(await download.PathAsync()))
        using (var workbook = new XLWorkbook(file))
        {
            Assert.True(workbook.Worksheet("Följsamhet").RowsUsed().Count() > 1);
            Assert.Contains(workbook.Worksheet("Klockor").RowsUsed(), r => r.Cell(7).GetString() == "Risk");
        }

        await dayTwo.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^3 – medicinsk bedömning"), Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("dag 2 av 3")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Undantag").SelectOptionAsync(new SelectOptionValue { Label = "Invånaren valde att vänta" });
        await page.GetByLabel("Skäl").FillAsync("Vill vänta till efter resan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera undantag" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Undantaget är registrerat.");
        await page.AssertAccessibleAsync();
    }
}
