using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>
/// A questionnaire that calls for help now: the nurse sends the PHQ-9, the person answers it on a phone one question at a
/// time with item 9 above 0 and at once sees where to call (112, 90101, 1177), while the crisis task is first on the
/// team's worklist; the nurse acknowledges it with what was done, and the answer's course is a chart with its text
/// alternative. axe-core on every page.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed partial class CrisisJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task A_PHQ9_answer_with_item_9_above_0_shows_the_crisis_help_at_once_and_puts_the_task_first_on_the_worklist()
    {
        // The nurse sends the PHQ-9 from the person's overview.
        var (person, nurse) = await server.PersonAndTheirNurseAsync();
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Formulär och skattningar" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Skicka ett formulär" })).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        await nurse.GetByLabel("Formulär", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "PHQ-9 – nedstämdhet och depression" });
        await nurse.GetByLabel("Dagar att svara").FillAsync("0");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.Locator("#dueDays-error")).ToContainTextAsync("mellan 1 och 30 dagar");
        await nurse.GetByLabel("Dagar att svara").FillAsync("7");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Formuläret är skickat");
        var sentRow = nurse.GetByRole(AriaRole.Row).Filter(new() { HasText = "PHQ-9" });
        await Assertions.Expect(sentRow.First).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();

        // The person answers on a phone: one question at a time.
        await person.SetViewportSizeAsync(390, 844);
        await person.GotoAsync("/mina-sidor/formular");
        await Assertions.Expect(person.Heading("Formulär")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        await person.GetByRole(AriaRole.Link, new() { Name = "PHQ-9 – nedstämdhet och depression" }).Last.ClickAsync();
        await Assertions.Expect(person.GetByText("Fråga 1 av 9")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        var steps = person.Locator("fieldset.step");
        for (var i = 0; i < 8; i++)
        {
            await Assertions.Expect(steps.Nth(i)).ToBeVisibleAsync();
            await Assertions.Expect(steps.Nth(i + 1)).ToBeHiddenAsync();
            await steps.Nth(i).GetByLabel("Inte alls").CheckAsync();
            await person.GetByRole(AriaRole.Button, new() { Name = "Nästa fråga" }).ClickAsync();
        }
        await Assertions.Expect(person.GetByText("Fråga 9 av 9")).ToBeVisibleAsync();
        await steps.Nth(8).GetByLabel("Flera dagar").CheckAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Skicka svaren" }).ClickAsync();
        var help = person.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Du behöver inte vara ensam med det här" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await Assertions.Expect(help.GetByRole(AriaRole.Link, new() { Name = "Ring 112" })).ToHaveAttributeAsync("href", "tel:112");
        await Assertions.Expect(help.GetByRole(AriaRole.Link, new() { Name = "Ring Självmordslinjen 90101" })).ToHaveAttributeAsync("href", "tel:90101");
        await Assertions.Expect(help.GetByRole(AriaRole.Link, new() { Name = "Ring 1177" })).ToHaveAttributeAsync("href", "tel:1177");
        await Assertions.Expect(person.GetByRole(AriaRole.Status)).ToContainTextAsync("1 poäng");
        await person.AssertAccessibleAsync();

        // The same minute, the task is first on the team's worklist.
        await nurse.GotoAsync("/min-arbetsdag");
        var first = nurse.Locator("table.worklist tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("PHQ-9: fråga 9 besvarad på larmnivå");
        await Assertions.Expect(first).ToContainTextAsync("Kris");
        await nurse.AssertAccessibleAsync();
        await first.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Krislarm" })).ToBeVisibleAsync();
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Kvittera larmet" }).First.ClickAsync();
        await Assertions.Expect(nurse.Locator("textarea[aria-invalid=true]")).ToBeVisibleAsync();
        await nurse.GetByLabel("Vad har gjorts?").First.FillAsync("Ringt upp, bokat samtal med psykolog i dag.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Kvittera larmet" }).First.ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Larmet är kvitterat");
        await Assertions.Expect(nurse.GetByText("Ringt upp, bokat samtal med psykolog i dag.")).ToBeVisibleAsync();

        // The course: a chart named by its title and summary, and the same figures as a table.
        var chart = nurse.Locator("canvas[role=img]").First;
        await Assertions.Expect(chart).ToHaveAttributeAsync("aria-label", new Regex("PHQ-9.*1 svar"));
        await nurse.GetByText("Visa siffrorna som tabell").First.ClickAsync();
        await Assertions.Expect(nurse.Locator("details.chart-table table").First).ToContainTextAsync("1");
        await nurse.AssertAccessibleAsync();
        await person.Context.CloseAsync();
        await nurse.Context.CloseAsync();
    }
}
