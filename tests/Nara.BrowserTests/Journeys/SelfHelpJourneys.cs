using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>
/// Stepped care and self-help in the browser: the nurse opens a care need (the first assessment is on the worklist),
/// decides the step digital self-help and starts the insomnia programme; the person, on a 390 px phone, reads the first
/// module, is told to answer the homework, answers it and goes on; the therapist reads the homework and answers, and the
/// person sees the answer. axe-core on every page.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed partial class SelfHelpJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task A_person_works_through_a_self_help_module_and_the_therapist_answers()
    {
        var (person, nurse) = await server.PersonAndTheirNurseAsync();
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Psykisk hälsa", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Stegvis vård" })).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        var patientPage = nurse.Url;

        // A care need opened by the nurse: its first assessment is clocked and on the worklist.
        await nurse.GetByLabel("Anledning (valfritt)").FillAsync("Sover dåligt sedan i somras");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Öppna vårdbehov" }).ClickAsync();
        await Assertions.Expect(nurse.Locator("#clock")).ToContainTextAsync("Första bedömning väntar");
        await nurse.GotoAsync("/min-arbetsdag");
        await Assertions.Expect(nurse.Locator("table.worklist tbody tr").Filter(new() { HasText = "Första bedömning: Sover dåligt sedan i somras" })).ToBeVisibleAsync();

        // The step is decided (the first assessment), and the programme started with a greeting.
        await nurse.GotoAsync(patientPage);
        await nurse.GetByLabel("1. Digital självhjälp").CheckAsync();
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Besluta steg" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Steget är beslutat: Digital självhjälp");
        await Assertions.Expect(nurse.Locator("#clock")).ToContainTextAsync("Första bedömning i tid");
        await nurse.GetByLabel("Program", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "somn" });
        await nurse.GetByLabel("Hälsning till personen (valfritt)").FillAsync("Hej! Jag läser dina svar varje vecka.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Starta programmet" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Programmet är startat");
        await nurse.AssertAccessibleAsync();

        // The person, on a phone: the programme, the first module, the homework (an empty answer is refused).
        await person.SetViewportSizeAsync(390, 844);
        await person.GotoAsync("/mina-sidor/sjalvhjalp");
        await Assertions.Expect(person.Heading("Självhjälp")).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Region, new() { Name = "Din vård för psykisk hälsa" })).ToContainTextAsync("Digital självhjälp");
        await Assertions.Expect(person.GetByText("0 av 6 moduler klara").First).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByText("Hej! Jag läser dina svar varje vecka.")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        await person.GetByRole(AriaRole.Link, new() { Name = "Om sömn och sömnbesvär" }).ClickAsync();
        await Assertions.Expect(person.Heading("Om sömn och sömnbesvär")).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByText("Modul 1 av 6")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Klar – gå vidare" }).ClickAsync();
        await Assertions.Expect(person.Locator("#homework-error")).ToContainTextAsync("Skriv ditt svar");
        await person.Locator("#homework").FillAsync("Jag ligger vaken länge och tänker på jobbet.");
        await person.GetByRole(AriaRole.Button, new() { Name = "Klar – gå vidare" }).ClickAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Status).First).ToContainTextAsync("Modulen är klar");
        await Assertions.Expect(person.GetByText("Modul 2 av 6")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        var scroll = await person.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scroll <= 390, $"The module page is {scroll} px wide on a 390 px screen.");

        // The homework waits on the team's worklist; the therapist reads it and answers; the person sees the answer.
        await nurse.GotoAsync("/min-arbetsdag");
        await nurse.Locator("table.worklist tbody tr").Filter(new() { HasText = "Väntar på svar: Sömnbesvär" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(nurse.GetByText("1 av 6 moduler klara").First).ToBeVisibleAsync();
        await Assertions.Expect(nurse.Locator("dd").Filter(new() { HasText = "Jag ligger vaken länge och tänker på jobbet." })).ToBeVisibleAsync();
        await nurse.GetByLabel("Din återkoppling till personen").FillAsync("Bra att du skriver ned det. Prova orostiden i modul 5 redan nu.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Meddelandet är skickat");
        await nurse.AssertAccessibleAsync();

        await person.GotoAsync("/mina-sidor/sjalvhjalp");
        await Assertions.Expect(person.GetByText("Prova orostiden i modul 5 redan nu.")).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByText(new Regex("nästa att göra"))).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        await person.Context.CloseAsync();
        await nurse.Context.CloseAsync();
    }
}
