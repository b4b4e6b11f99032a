using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

[Collection(ChromiumTests.Name)]
public sealed partial class AccessJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    private const string ResidentPersona = "Invånare, listad på";
    private const string NurseWithRelationship = "har vårdrelation";
    private const string NurseWithoutRelationship = "saknar vårdrelation";
    private const string HeadOfUnit = "Verksamhetschef för";

    [Fact]
    public async Task Resident_signs_in_and_sees_their_unit_access_log_and_blocks()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await page.AssertAccessibleAsync();
        var name = await page.SignInAsPersonaAsync(ResidentPersona);

        await Assertions.Expect(page.Heading("Mina sidor")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Min vårdcentral" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Hej {name.Split(' ')[0]}!")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Vem har tittat på mina uppgifter" }).First.ClickAsync();
        await Assertions.Expect(page.Heading("Vem har tittat på mina uppgifter")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Spärrar och samtycke" }).ClickAsync();
        await Assertions.Expect(page.Heading("Spärrar och samtycke")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Journalen: the resident's own record, with diagnoses by name, not a bare code.
        await page.GetByRole(AriaRole.Link, new() { Name = "Journalen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading("Journalen")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vårdkontakter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Diagnoser" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Nurse_with_care_relationship_opens_the_overview_and_the_resident_sees_it_in_their_log()
    {
        var page = await server.NewPageAsync();
        var pnr = await ResidentPersonnummerAsync(page);

        var nurse = await page.SignInAsPersonaAsync(NurseWithRelationship);
        await Assertions.Expect(page.Heading("Min arbetsdag")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Sök patient").FillAsync(pnr);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        var hit = page.GetByRole(AriaRole.Row).Filter(new() { HasText = pnr });
        await Assertions.Expect(hit).ToContainTextAsync("Vårdrelation");
        await page.AssertAccessibleAsync();
        await hit.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vårdkontakter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Grund för åtkomst: Vårdrelation")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/atkomst");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = nurse }).Filter(new() { HasText = "Patientöversikt" });
        await Assertions.Expect(row.First).ToContainTextAsync("Vårdrelation");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Nurse_without_care_relationship_is_refused_uses_emergency_access_and_the_head_of_unit_sees_it_flagged()
    {
        var page = await server.NewPageAsync();
        var pnr = await ResidentPersonnummerAsync(page);

        var nurse = await page.SignInAsPersonaAsync(NurseWithoutRelationship);
        await page.GetByLabel("Sök patient").FillAsync(pnr);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        var hit = page.GetByRole(AriaRole.Row).Filter(new() { HasText = pnr });
        await Assertions.Expect(hit).ToContainTextAsync("Ingen åtkomst");
        await hit.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Åtkomst nekad" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // Too short a reason is refused with a message, and nothing opens.
        await page.GetByLabel("Skäl till nödåtkomst").FillAsync("akut");
        await page.GetByRole(AriaRole.Button, new() { Name = "Öppna nödåtkomst" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Ange skälet till nödåtkomsten")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Du har nödåtkomst till patienten")).ToHaveCountAsync(0);

        const string reason = "Medvetslös patient på akuten, behöver läkemedelslista";
        await page.GetByLabel("Skäl till nödåtkomst").FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Öppna nödåtkomst" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Du har nödåtkomst till patienten")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(HeadOfUnit);
        await page.GotoAsync("/uppfoljning/atkomst");
        await Assertions.Expect(page.Heading("Åtkomstuppföljning")).ToBeVisibleAsync();
        var pending = page.GetByRole(AriaRole.Row).Filter(new() { HasText = nurse }).Filter(new() { HasText = reason });
        await Assertions.Expect(pending.First).ToContainTextAsync("Flaggad för uppföljning");
        await page.AssertAccessibleAsync();

        await pending.First.GetByLabel("Anteckning").FillAsync("Befogad: patienten kom medvetslös till akuten.");
        await pending.First.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByText("Nödåtkomsten är markerad som granskad.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = reason }).Filter(new() { Has = page.GetByRole(AriaRole.Button) })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Analyst_sees_the_region_and_narrows_it_to_a_municipality()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Analytiker");
        await page.GotoAsync("/analys");
        await Assertions.Expect(page.Heading("Regionen i siffror")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Befolkningspyramid" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        const string DrawnTotal = "() => { const c = window.Chart?.getChart(document.querySelector('canvas[data-chart]')); return c ? c.data.datasets.flatMap(d => d.data).reduce((a, b) => a + b, 0) : 0; }";
        await page.WaitForFunctionAsync($"() => ({DrawnTotal})() > 0");
        var region = await page.EvaluateAsync<double>(DrawnTotal);
        await page.GetByLabel("Kommun", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ljungby" });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ålder och kön – Ljungby" })).ToBeVisibleAsync();
        // The chart is drawn again for the municipality: fewer people than the whole region.
        await page.WaitForFunctionAsync($"() => {{ const t = ({DrawnTotal})(); return t > 0 && t < {region.ToString(System.Globalization.CultureInfo.InvariantCulture)}; }}");
        // The choice is in the address: a reload (or a shared link) shows the same municipality.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/analys\\?kommun=\\d{4}$"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ålder och kön – Ljungby" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Kommun", new() { Exact = true })).ToHaveValueAsync(new Regex("^\\d{4}$"));
    }

    [Fact]
    public async Task Language_switch_turns_the_interface_english_and_back()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.Heading("Välkommen till Nära")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Heading("Welcome to Nära")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Svenska" }).ClickAsync();
        await Assertions.Expect(page.Heading("Välkommen till Nära")).ToBeVisibleAsync();
    }

    /// <summary>Signs in as the demo resident, reads their personnummer off Mina sidor, and signs out.</summary>
    [Fact]
    public async Task Each_role_lands_on_its_own_start_page_and_a_page_not_for_it_says_why_and_where_to_go()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Analytiker");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/analys$"));
        await Assertions.Expect(page.Heading("Regionen i siffror")).ToBeVisibleAsync();

        // The home page shows the analyst only what an analyst may use.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "För ledning och analys" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "För vårdpersonal" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "För invånare" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/inkorg");
        Assert.True(response!.Ok, $"HTTP {response.Status}");
        await Assertions.Expect(page.Heading("Du har inte tillgång till sidan")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Sidan ”Inkorg” är till för: vårdpersonal, verksamhetschef.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("(analytiker)")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Till din startsida" }).ClickAsync();
        await Assertions.Expect(page.Heading("Regionen i siffror")).ToBeVisibleAsync();
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(ResidentPersona);
        await Assertions.Expect(page.Heading("Mina sidor")).ToBeVisibleAsync();
        await page.GotoAsync("/min-arbetsdag");
        await Assertions.Expect(page.Heading("Du har inte tillgång till sidan")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Dina egna uppgifter, bokningar och ärenden hittar du på Mina sidor.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Till din startsida" }).ClickAsync();
        await Assertions.Expect(page.Heading("Mina sidor")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Staff_start_the_day_on_a_page_with_the_units_bookings_waiting_room_inbox_waitlist_and_guarantee_and_the_head_sees_charts()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(NurseWithRelationship);
        await Assertions.Expect(page.Heading("Min arbetsdag")).ToBeVisibleAsync();
        foreach (var panel in new[] { "Dagens bokningar", "Väntrum", "Inkorg", "Väntelista", "Vårdgaranti" })
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = panel, Exact = true })).ToBeVisibleAsync();
        }
        var inbox = page.GetByRole(AriaRole.Region, new() { Name = "Inkorg", Exact = true });
        await Assertions.Expect(inbox).ToContainTextAsync(new Regex(@"\d+ (öppet ärende|öppna ärenden)"));
        // A nurse sees the guarantee's figures but not the head of unit's follow-up, nor the head's charts.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Till uppföljningen av vårdgarantin" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Enhetens besök" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        await inbox.GetByRole(AriaRole.Link, new() { Name = "Till inkorgen" }).ClickAsync();
        await Assertions.Expect(page.Heading("Inkorg")).ToBeVisibleAsync();
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(HeadOfUnit);
        var figures = page.GetByRole(AriaRole.Region, new() { Name = "Enhetens besök" });
        await Assertions.Expect(figures.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Bokade besök per vecka\\. De senaste 8 veckorna") })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.Chart && window.Chart.getChart(document.querySelector('canvas[data-chart]'))");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Till uppföljningen av vårdgarantin" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    private static async Task<string> ResidentPersonnummerAsync(IPage page)
    {
        await page.SignInAsPersonaAsync(ResidentPersona);
        var facts = await page.Locator("dl.facts").InnerTextAsync();
        var pnr = PersonnummerPattern().Match(facts).Value;
        Assert.False(string.IsNullOrEmpty(pnr), $"No personnummer on Mina sidor: {facts}");
        await page.SignOutAsync();
        return pnr;
    }

    [GeneratedRegex(@"\d{8}-\d{4}")]
    private static partial Regex PersonnummerPattern();
}
