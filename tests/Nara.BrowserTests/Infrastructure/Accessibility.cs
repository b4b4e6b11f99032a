using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Nara.BrowserTests.Infrastructure;

public static class Accessibility
{
    // axe-core as Deque bundles it (the version the Deque package pins), put into a page once and run there. Not
    // through the package's RunAxe: that opens a second page for every run to merge the results of the page's frames,
    // which took three quarters of the browser tests' time; Nära's pages have no frames to merge.
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    private const string RunScript = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
                resultTypes: ['violations'],
            });
            return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
        }
        """;

    private sealed record Violation(string Id, string Impact, string Help, string[] Targets);

    /// <summary>Runs axe-core on the page as it is now and fails on any serious or critical violation (WCAG 2.1 AA rules).</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource);
        }
        var serious = JsonSerializer.Deserialize<Violation[]>(await page.EvaluateAsync<string>(RunScript), JsonSerializerOptions.Web)!;
        Assert.True(serious.Length == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", serious.Select(v =>
            $"- [{v.Impact}] {v.Id}: {v.Help} ({string.Join(", ", v.Targets)})")));
    }
}
