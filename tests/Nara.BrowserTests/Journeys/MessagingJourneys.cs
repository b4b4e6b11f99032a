using Microsoft.Playwright;
using Xunit.Abstractions;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>
/// Secure messaging in the browser: the person writes to their vårdcentral and is promised an answer time, the nurse
/// finds it among the unit's messages and answers, the person sees the answer arrive on the open page without reloading
/// (SignalR) and gets the notice in the Utkorg. axe-core on every page.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class MessagingJourneys(NaraServer server, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    // Once in a full run the person's page showed Blazor's error banner after the empty post: on a failure, the app's
    // log of this journey goes with the result, to tell why.
    [Fact]
    public async Task The_person_writes_to_the_team_the_nurse_answers_and_the_answer_shows_live_and_in_the_utkorg()
    {
        var logFrom = server.AppLog().Length;
        try
        {
            await WritesAndAnswersAsync();
        }
        catch
        {
            output.WriteLine(server.AppLog()[logFrom..]);
            throw;
        }
    }

    private async Task WritesAndAnswersAsync()
    {
        var topic = $"Yrsel efter ny dos {Guid.NewGuid().ToString("N")[..6]}";
        var person = await server.NewPageAsync();
        await person.SignInAsPersonaAsync("Invånare, listad på");
        await person.GetByRole(AriaRole.Link, new() { Name = "Meddelanden med vården" }).First.ClickAsync();
        await Assertions.Expect(person.Heading("Meddelanden med vården")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        // Nothing written: the form says what is missing.
        await person.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Alert)).ToContainTextAsync("Skriv vad det gäller");
        await person.GetByLabel("Ämne").FillAsync(topic);
        await person.GetByLabel("Meddelande", new() { Exact = true }).FillAsync("Jag blir yr på morgonen sedan dosen höjdes. Ska jag fortsätta?");
        await person.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(person.Heading(topic)).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ditt meddelande är skickat");
        await Assertions.Expect(person.GetByText("Du får svar senast")).ToBeVisibleAsync();
        await Assertions.Expect(person.Locator("#thread-messages[data-live='true']")).ToBeAttachedAsync();
        await person.AssertAccessibleAsync();

        var nurse = await server.NewPageAsync();
        await nurse.SignInAsPersonaAsync("har vårdrelation");
        await nurse.GotoAsync("/meddelanden");
        await Assertions.Expect(nurse.Heading("Meddelanden")).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        await nurse.GetByRole(AriaRole.Row).Filter(new() { HasText = topic }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(nurse.Heading(topic)).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        await nurse.GetByLabel("Meddelande", new() { Exact = true }).FillAsync("Fortsätt med dosen och mät blodtrycket hemma i en vecka.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Ditt meddelande är skickat");
        await Assertions.Expect(nurse.GetByText("Du hanterar", new() { Exact = false }).Or(nurse.GetByRole(AriaRole.Button, new() { Name = "Lämna till enheten" }))).ToBeVisibleAsync();

        // On the person's open page, without a reload: the answer arrives and is announced.
        await Assertions.Expect(person.Locator("#thread-messages li.from-care").Filter(new() { HasText = "mät blodtrycket hemma" })).ToBeVisibleAsync();
        await Assertions.Expect(person.Locator("#thread-live")).ToContainTextAsync("Nytt meddelande från");
        await person.AssertAccessibleAsync();

        // The notice in the Utkorg says there is a message, not what it is about.
        await person.GotoAsync("/utkorg");
        await person.ReloadUntilVisibleAsync("Du har fått ett meddelande i Nära");
        await Assertions.Expect(person.GetByText(topic)).ToHaveCountAsync(0);
    }
}
