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

    [Fact]
    public async Task A_nurse_tries_EQ_5D_5L_the_levels_give_the_profile_and_the_VAS_is_a_number_checked_against_its_range()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("har vårdrelation");
        await page.GotoAsync("/formular/eq-5d-5l");
        await Assertions.Expect(page.Heading("EQ-5D-5L – hälsa i dag")).ToBeVisibleAsync();
        var items = page.Locator("form fieldset");
        await items.Nth(0).GetByLabel("Jag har lätta svårigheter att gå omkring").CheckAsync();
        await items.Nth(1).GetByLabel("Jag har inga svårigheter att tvätta mig eller klä mig").CheckAsync();
        await items.Nth(2).GetByLabel("Jag har måttliga svårigheter att utföra mina vanliga aktiviteter").CheckAsync();
        await items.Nth(3).GetByLabel("Jag har lätta smärtor eller besvär").CheckAsync();
        await items.Nth(4).GetByLabel("Jag är varken orolig eller nedstämd").CheckAsync();
        await items.Nth(5).GetByLabel("Skriv ett heltal från 0 till 100").FillAsync("72");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Räkna ut poäng" }).ClickAsync();
        var result = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Resultat" });
        await Assertions.Expect(result).ToContainTextAsync("(0–100): 72");
        await Assertions.Expect(result).ToContainTextAsync("21321");
        await page.AssertAccessibleAsync();

        // A VAS above 100 is refused naming the question, nothing scored.
        await page.GotoAsync("/formular/eq-5d-5l");
        await items.Nth(5).GetByLabel("Skriv ett heltal från 0 till 100").FillAsync("150");
        await page.GetByRole(AriaRole.Button, new() { Name = "Räkna ut poäng" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "fråga 6" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_person_answers_EQ_5D_5L_on_a_phone_the_VAS_is_asked_for_and_the_result_is_the_VAS_and_the_profile()
    {
        var (person, nurse) = await server.PersonAndTheirNurseAsync();
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Formulär och skattningar" }).ClickAsync();
        await nurse.GetByLabel("Formulär", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "EQ-5D-5L – hälsa i dag" });
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Formuläret är skickat");

        await person.SetViewportSizeAsync(390, 844);
        await person.GotoAsync("/mina-sidor/formular");
        await person.GetByRole(AriaRole.Link, new() { Name = "EQ-5D-5L – hälsa i dag" }).Last.ClickAsync();
        await Assertions.Expect(person.GetByText("Fråga 1 av 6")).ToBeVisibleAsync();
        var steps = person.Locator("fieldset.step");
        string[] levels = ["Jag har lätta svårigheter att gå omkring", "Jag har inga svårigheter att tvätta mig eller klä mig",
            "Jag har måttliga svårigheter att utföra mina vanliga aktiviteter", "Jag har lätta smärtor eller besvär", "Jag är varken orolig eller nedstämd"];
        for (var i = 0; i < levels.Length; i++)
        {
            await steps.Nth(i).GetByLabel(levels[i]).CheckAsync();
            await person.GetByRole(AriaRole.Button, new() { Name = "Nästa fråga" }).ClickAsync();
        }
        await Assertions.Expect(person.GetByText("Fråga 6 av 6")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        // Sent without the VAS: the form opens at it and says what is missing; the levels chosen are kept.
        await person.GetByRole(AriaRole.Button, new() { Name = "Skicka svaren" }).ClickAsync();
        await Assertions.Expect(steps.Nth(5)).ToContainTextAsync("Svara på fråga 6");
        await steps.Nth(5).GetByLabel("Skriv ett heltal från 0 till 100").FillAsync("72");
        await person.GetByRole(AriaRole.Button, new() { Name = "Skicka svaren" }).ClickAsync();
        var result = person.GetByRole(AriaRole.Status);
        await Assertions.Expect(result).ToContainTextAsync("(0–100): 72");
        await Assertions.Expect(result).ToContainTextAsync("21321");
        await person.AssertAccessibleAsync();
        await person.Context.CloseAsync();
        await nurse.Context.CloseAsync();
    }
}
