using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>
/// Every page each role can reach, walked on a 390 px phone screen: from the page the role lands on after sign-in, every
/// link to a page of Nära is followed (one page per address pattern, ids counted as one), and each page must fit the
/// screen without sideways scrolling, with a header that leaves room for the page. New pages are walked without
/// adding them here, as long as something links to them.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed partial class EveryPageJourneys(NaraServer server, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    public static TheoryData<string, int, bool> Roles => new()
    {
        { "Invånare, listad på", 8, true },
        { "har vårdrelation", 8, true },
        { "Verksamhetschef för", 8, true },
        { "Analytiker", 1, true },
        { "Invånare, listad på", 8, false },
        { "Verksamhetschef för", 8, false },
    };

    /// <summary>On a phone (390 × 844: no sideways scrolling, a header that leaves room, axe-core clean) or a desktop (1366 × 900: no sideways scrolling).</summary>
    [Theory]
    [MemberData(nameof(Roles))]
    public Task Every_page_a_role_reaches_fits_the_screen_and_passes_axe(string persona, int atLeast, bool phone) =>
        WalkAsync(persona, atLeast, phone, english: false);

    public static TheoryData<string, int> EnglishRoles => new()
    {
        { "Invånare, listad på", 6 },
        { "har vårdrelation", 6 },
        { "Verksamhetschef för", 6 },
    };

    /// <summary>
    /// With the language switch on English, no Swedish is left on any page a role reaches: what people and units wrote
    /// (names, their messages, a unit's booking reasons) is marked lang="sv" and is not counted, nor is what is marked
    /// translate="no" (a publication's title as cited: "Ann Intern Med" is not Swedish).
    /// </summary>
    [Theory]
    [MemberData(nameof(EnglishRoles))]
    public Task Every_page_a_role_reaches_in_English_has_no_Swedish_left(string persona, int atLeast) =>
        WalkAsync(persona, atLeast, phone: false, english: true);

    private async Task WalkAsync(string persona, int atLeast, bool phone, bool english)
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            // The walk asks for less motion, as some people do: charts are drawn without their animation (the journeys
            // see them animated).
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // Someone to look for: the resident persona's name, from the demo sign-in page.
        await page.GotoAsync("/demo-inloggning");
        var residentName = await page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Invånare, listad på" }).GetByRole(AriaRole.Heading).InnerTextAsync();
        await page.SignInAsPersonaAsync(persona);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (english)
        {
            await page.GotoAsync("/sprak/en?returnUrl=" + Uri.EscapeDataString(new Uri(page.Url).PathAndQuery));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(new Uri(page.Url).PathAndQuery);
        // Pages reached only after an action: a search for a patient, a booking (which then lists, links and logs).
        foreach (var href in (english ? [] : await PrepareAsync(page, residentName)).Where(Walkable))
        {
            queue.Enqueue(href);
        }
        var problems = new List<string>();
        var walked = new List<string>();
        while (queue.Count > 0 && walked.Count < 40)
        {
            var path = queue.Dequeue();
            if (!seen.Add(Pattern(path)))
            {
                continue;
            }
            var response = await page.GotoAsync(path);
            if (response is { Ok: true })
            {
                await page.WaitForSelectorAsync("html[data-nara-ready]", new() { State = WaitForSelectorState.Attached });
            }
            walked.Add(path);
            if (response is { Ok: false })
            {
                problems.Add($"{path}: HTTP {response.Status}");
                if (response.Status >= 500)
                {
                    output.WriteLine(server.AppLog());
                }
                continue;
            }
            if (await SettledOverflowAsync(page) is { } overflow)
            {
                problems.Add($"{path}: wider than the screen, {overflow}");
            }
            if (english)
            {
                foreach (var swedish in await page.EvaluateAsync<string[]>(SwedishScript))
                {
                    problems.Add($"{path}: Swedish on an English page: {swedish}");
                }
            }
            var header = await page.EvaluateAsync<int>("() => Math.round(document.querySelector('header.site-header')?.getBoundingClientRect().height ?? 0)");
            if (phone && header > 100)
            {
                problems.Add($"{path}: the header takes {header} px of the 844 px screen");
            }
            // axe-core on the phone walk (the desktop pages are checked by the journeys); the desktop walk checks the width.
            if (phone)
            {
                try
                {
                    await page.AssertAccessibleAsync();
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    problems.Add(e.Message);
                }
            }
            foreach (var href in await page.EvaluateAsync<string[]>(LinksScript))
            {
                if (Walkable(href))
                {
                    queue.Enqueue(href);
                }
            }
        }
        output.WriteLine($"{persona}: {walked.Count} pages: {string.Join(" ", walked)}");
        Assert.True(problems.Count == 0, $"{persona}, {(phone ? "phone" : "desktop")}:\n" + string.Join("\n", problems) + "\nwalked: " + string.Join(" ", walked));
        Assert.True(walked.Count >= atLeast, $"{persona}: only {walked.Count} pages reached: {string.Join(" ", walked)}");
        await context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_folds_into_one_button_that_opens_and_leads_on()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.SignInAsPersonaAsync("har vårdrelation");
        await Assertions.Expect(page.Heading("Min arbetsdag")).ToBeVisibleAsync();
        var inbox = page.GetByRole(AriaRole.Link, new() { Name = "Inkorg", Exact = true });
        await Assertions.Expect(inbox).ToBeHiddenAsync();
        await page.GetByText("Meny", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(inbox).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await inbox.ClickAsync();
        await Assertions.Expect(page.Heading("Inkorg")).ToBeVisibleAsync();
        await Assertions.Expect(inbox).ToBeHiddenAsync();
        await context.CloseAsync();
    }

    private async Task<IReadOnlyList<string>> PrepareAsync(IPage page, string residentName)
    {
        if (page.Url.Contains("/min-arbetsdag", StringComparison.Ordinal))
        {
            await page.GetByLabel("Sök patient").FillAsync(residentName.Split(' ')[^1]);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("main table, main [role=status]").First).ToBeVisibleAsync();
            if (await page.EvaluateAsync<string?>(OverflowScript) is { } overflow)
            {
                Assert.Fail($"the patient search's result is wider than the screen: {overflow}");
            }
            return await page.EvaluateAsync<string[]>(LinksScript);
        }
        if (page.Url.Contains("/mina-sidor", StringComparison.Ordinal))
        {
            await page.GotoAsync("/boka");
            await page.GetByLabel("Från och med datum").FillAsync(Nara.Tests.Infrastructure.TestClock.Iso(server.Today.AddDays(4)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sök tider" }).ClickAsync();
            var free = page.GetByRole(AriaRole.Region, new() { Name = "Lediga tider" });
            await Assertions.Expect(free.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
            if (await page.EvaluateAsync<string?>(OverflowScript) is { } overflow)
            {
                Assert.Fail($"the free times are wider than the screen: {overflow}");
            }
            await page.ChooseAndBookFirstFreeTimeAsync(checkAccessibility: true);
            return await page.EvaluateAsync<string[]>(LinksScript);
        }
        return [];
    }

    // The page is wider than the screen when the document scrolls sideways; the elements that stick out the most are named.
    // A page that is wider than the screen once it has settled: charts and interactive pages lay out again after load
    // (Chart.js sizes its canvas to the box on the next frame), so a first overflow is measured again a moment later.
    private static async Task<string?> SettledOverflowAsync(IPage page)
    {
        if (await page.EvaluateAsync<string?>(OverflowScript) is null)
        {
            return null;
        }
        await page.WaitForTimeoutAsync(750);
        return await page.EvaluateAsync<string?>(OverflowScript) is { } overflow
            ? $"{overflow} (menu {(await page.EvaluateAsync<bool>("() => document.querySelector('details.phone-menu')?.open ?? false") ? "open" : "closed")})"
            : null;
    }

    private const string OverflowScript = """
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            const out = [...document.querySelectorAll('main *'), ...document.querySelectorAll('header *, footer *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 1); })
                // What scrolls inside its own box (a wide table in a scroll region) does not widen the page.
                .filter(e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) { if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return false; } return true; })
                .slice(0, 6)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : ''} "${(e.textContent || '').trim().slice(0, 24)}" in ${e.parentElement?.closest('[id],[class]')?.tagName.toLowerCase() ?? ''}.${e.parentElement?.closest('[class]')?.className ?? ''} to ${Math.round(e.getBoundingClientRect().right)} px`);
            return `${document.documentElement.scrollWidth} px: ${out.join('; ')}`;
        }
        """;

    // Text a screen reader would read (visually hidden text too) that has Swedish words in it, outside elements marked as
    // Swedish (lang="sv": names, what people wrote). Function words only, so that a Swedish proper noun is not counted.
    private const string SwedishScript = """
        () => {
            const words = /(^|[\s("'«])(och|att|för|inte|är|du|dig|din|ditt|dina|med|från|har|kan|ska|som|på|av|eller|inga|ingen|finns|vid|efter|här|vill|eller|sidan|bokade?|avboka|svara|välj|patientöversikt|journalen|bokning|bokningar|väntelista|ärende|ärenden|meddelande|meddelanden|påminnelse|bekräftelse|personuppgifter|åtkomstlogg|vårdgaranti|besök|samtycke|spärr)(?=$|[\s,.:;!?)"'»])/i;
            const swedish = el => el.closest('[lang]')?.getAttribute('lang')?.startsWith('sv') ?? false;
            const found = new Set();
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                const el = walker.currentNode.parentElement;
                const text = walker.currentNode.textContent.replace(/\s+/g, ' ').trim();
                if (!el || !text || swedish(el) || el.closest('script, style, noscript, template, [hidden], [aria-hidden="true"], [translate="no"]')) continue;
                if (words.test(text)) found.add(`"${text.slice(0, 80)}" in ${el.tagName.toLowerCase()}`);
            }
            for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
                for (const name of ['aria-label', 'title', 'placeholder']) {
                    const value = el.getAttribute(name);
                    if (value && !swedish(el) && words.test(value)) found.add(`${name} "${value.slice(0, 80)}"`);
                }
            }
            return [...found].slice(0, 12);
        }
        """;

    private const string LinksScript = """
        () => [...document.querySelectorAll('a[href]')]
            .map(a => new URL(a.getAttribute('href'), document.baseURI))
            .filter(u => u.origin === location.origin)
            .map(u => u.pathname + u.search)
        """;

    private static bool Walkable(string href) =>
        !href.StartsWith("/api/", StringComparison.Ordinal) && !href.StartsWith("/fhir", StringComparison.Ordinal)
        && !href.StartsWith("/sprak/", StringComparison.Ordinal) && !href.StartsWith("/_", StringComparison.Ordinal)
        && !href.StartsWith("/demo-inloggning", StringComparison.Ordinal) && !href.StartsWith("/openapi", StringComparison.Ordinal)
        && !href.StartsWith("/health", StringComparison.Ordinal) && !href.StartsWith("/scalar", StringComparison.Ordinal)
        && !href.Contains(".ics", StringComparison.Ordinal) && !href.Contains('#', StringComparison.Ordinal);

    // One page per address pattern: ids and query values are counted as one.
    private static string Pattern(string path) => IdRegex().Replace(path.Split('?')[0], "{id}");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex IdRegex();
}
