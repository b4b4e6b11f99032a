using Microsoft.Playwright;

namespace Nara.BrowserTests.Infrastructure;

/// <summary>Page objects: the few steps journeys share, written as a person would click.</summary>
public static class Pages
{
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

    public static ILocator Heading(this IPage page, string name) =>
        page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = name, Level = 1 });
}
