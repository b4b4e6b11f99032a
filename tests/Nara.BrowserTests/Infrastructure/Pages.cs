using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Nara.BrowserTests.Infrastructure;

/// <summary>Page objects: the few steps journeys share, written as a person would click.</summary>
public static partial class Pages
{
    [GeneratedRegex("Välj (\\d{4}-\\d{2}-\\d{2}) kl\\. (\\d{2}:\\d{2})")]
    private static partial Regex ChooseRegex();

    /// <summary>
    /// On Boka tid's results: chooses the first free time, checks what the confirmation says (when, with whom, where,
    /// the fee) and books it. Returns the time as the site writes it ("2026-06-18 08:00").
    /// </summary>
    public static async Task<string> ChooseAndBookFirstFreeTimeAsync(this IPage page, bool checkAccessibility = false)
    {
        var first = page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Lediga tider" })
            .GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { NameRegex = ChooseRegex() }).First;
        await Assertions.Expect(first).ToBeVisibleAsync();
        var match = ChooseRegex().Match(await first.TextContentAsync() ?? "");
        Assert.True(match.Success, "a free time's link does not say which day and time it is");
        await first.ClickAsync();
        var confirm = page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Stämmer det här?" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await Assertions.Expect(confirm).ToContainTextAsync("Hos");
        await Assertions.Expect(confirm).ToContainTextAsync("Avgift");
        await Assertions.Expect(confirm).ToContainTextAsync(match.Groups[2].Value);
        if (checkAccessibility)
        {
            await page.AssertAccessibleAsync();
        }
        await confirm.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Boka tiden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Tiden är bokad" })).ToBeVisibleAsync();
        return $"{match.Groups[1].Value} {match.Groups[2].Value}";
    }

    /// <summary>Signs in on the demo identity page as the persona whose card contains <paramref name="description"/>.</summary>
    public static async Task<string> SignInAsPersonaAsync(this IPage page, string description)
    {
        await page.GotoAsync("/demo-inloggning");
        await page.AssertAccessibleAsync();
        var card = page.GetByRole(AriaRole.Listitem).Filter(new LocatorFilterOptions { HasText = description });
        var name = await card.GetByRole(AriaRole.Heading).InnerTextAsync();
        await card.GetByRole(AriaRole.Button).ClickAsync();
        return name;
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Logga ut" }).ClickAsync();
        await page.WaitForURLAsync("**/");
    }

    /// <summary>Reloads until the text shows (what the outbox or another process adds a moment later), for up to 20 s.</summary>
    public static async Task ReloadUntilVisibleAsync(this IPage page, string text)
    {
        for (var i = 0; i < 20 && await page.GetByText(text).CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Assertions.Expect(page.GetByText(text).First).ToBeVisibleAsync();
    }

    [GeneratedRegex(@"\d{8}-\d{4}")]
    private static partial Regex PersonnummerPattern();

    /// <summary>The personnummer a signed-in person's start page shows in its facts.</summary>
    public static async Task<string> OwnPersonnummerAsync(this IPage person)
    {
        var pnr = PersonnummerPattern().Match(await person.Locator("dl.facts").InnerTextAsync()).Value;
        Assert.False(string.IsNullOrEmpty(pnr), "the person's start page shows no personnummer");
        return pnr;
    }

    /// <summary>As staff: searches for the personnummer and opens the patient's page from the hit.</summary>
    public static async Task OpenPatientAsync(this IPage staff, string pnr)
    {
        await staff.GetByLabel("Sök patient").FillAsync(pnr);
        await staff.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Sök", Exact = true }).ClickAsync();
        await staff.GetByRole(AriaRole.Row).Filter(new LocatorFilterOptions { HasText = pnr }).GetByRole(AriaRole.Link).ClickAsync();
    }

    /// <summary>
    /// The resident persona listed at a vårdcentral, signed in on their start page, and a nurse there with a care
    /// relationship, signed in on the person's patient page: where the team-and-person journeys start.
    /// </summary>
    public static async Task<(IPage Person, IPage Nurse)> PersonAndTheirNurseAsync(this NaraServer server)
    {
        var person = await server.NewPageAsync();
        await person.SignInAsPersonaAsync("Invånare, listad på");
        var pnr = await person.OwnPersonnummerAsync();
        var nurse = await server.NewPageAsync();
        await nurse.SignInAsPersonaAsync("har vårdrelation");
        await nurse.OpenPatientAsync(pnr);
        return (person, nurse);
    }

    public static ILocator Heading(this IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = name, Level = 1 });
}
