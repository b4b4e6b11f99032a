using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

[Collection(ChromiumTests.Name)]
public sealed class ResidentSelfServiceJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task Resident_is_told_in_swedish_what_is_wrong_with_contact_details_and_saves_good_ones()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Vårdnadshavare för");
        await page.GetByLabel("E-post").FillAsync("inte-en-adress");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByText("E-postadressen ser inte ut som en e-postadress")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("E-post")).ToHaveAttributeAsync("aria-invalid", "true");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("E-post").FillAsync("demo.person@exempel.invalid");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Dina uppgifter är sparade.")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("E-post")).ToHaveValueAsync("demo.person@exempel.invalid");
    }

    [Fact]
    public async Task Resident_blocks_a_unit_and_lifts_the_block_again()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Vårdnadshavare för");
        await page.GotoAsync("/mina-sidor/sparrar");
        await Assertions.Expect(page.GetByText("Du har inga spärrar.")).ToBeVisibleAsync();

        await page.GetByLabel("Vårdenhet att spärra").SelectOptionAsync(new SelectOptionValue { Label = "Akutmottagningen Växjö" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Spärra enheten" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Spärren är lagd.")).ToBeVisibleAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Akutmottagningen Växjö" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Häv spärr: Akutmottagningen Växjö" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Spärren är hävd.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Du har inga spärrar.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Custodian_acts_for_their_child_and_sees_the_childs_access_log()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Vårdnadshavare för");
        var children = page.GetByRole(AriaRole.Region, new() { Name = "Mina barn" });
        await Assertions.Expect(children).ToBeVisibleAsync();
        await children.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Du ser ditt barns uppgifter som vårdnadshavare")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var childPage = page.Url;

        // The guardian enters the child's blood pressure and sees the child's questionnaires.
        await page.GetByRole(AriaRole.Link, new() { Name = "Barnets mätvärden" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Du ser ditt barns mätvärden")).ToBeVisibleAsync();
        await page.GetByLabel("Övre (systoliskt)").FillAsync("104");
        await page.GetByLabel("Undre (diastoliskt)").FillAsync("64");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sparat" })).ToContainTextAsync("104/64");
        await Assertions.Expect(page.GetByText("Du ser ditt barns mätvärden")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync(childPage);
        await page.GetByRole(AriaRole.Link, new() { Name = "Barnets formulär" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Du ser ditt barns formulär")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/mina-sidor");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("se vem som har tittat") }).First.ClickAsync();
        await Assertions.Expect(page.Heading("Vem har tittat på mina uppgifter")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }
}
