using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>En väg in in the browser: the resident's flow, a parent sending a case, and the nurse's inbox.</summary>
[Collection(ChromiumTests.Name)]
public sealed partial class TriageJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task Resident_with_chest_pain_and_cold_sweat_is_told_to_call_112()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Invånare, listad på");
        await page.GotoAsync("/hjalp");
        await Assertions.Expect(page.Heading("Sök vård")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Vad har du för besvär?").FillAsync("tryck över bröstet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Vad gäller det?" }).GetByRole(AriaRole.Button, new() { Name = "Ont i bröstet" }).ClickAsync();

        await Assertions.Expect(page.Heading("Ont i bröstet")).ToBeVisibleAsync();
        var question = page.GetByRole(AriaRole.Group, new() { NameRegex = KallsvettRegex() });
        await Assertions.Expect(question).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Fråga 1 av ungefär")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await question.GetByLabel("Ja").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ring 112 nu", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ring 112 nu" })).ToHaveAttributeAsync("href", "tel:112");
        await Assertions.Expect(page.GetByText("kan vara en hjärtinfarkt")).ToBeVisibleAsync();
        // Advice for residents leads to 1177's page on the complaint, whatever guideline the decision follows.
        await Assertions.Expect(page.GetByText("Läs mer på 1177:").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", new Regex("^https://www\\.1177\\.se/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Skicka till min vårdcentral" })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Parent_sends_a_childs_fever_assessment_and_the_nurse_closes_it_from_the_top_of_the_inbox()
    {
        var parent = await server.NewPageAsync();
        // The persona's card names the child (listed at the nurse persona's vårdcentral).
        await parent.GotoAsync("/demo-inloggning");
        var card = await parent.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Vårdnadshavare för" }).InnerTextAsync();
        var child = ChildRegex().Match(card).Groups[1].Value;
        await parent.SignInAsPersonaAsync("Vårdnadshavare för");
        await parent.GotoAsync("/hjalp");
        var who = parent.GetByRole(AriaRole.Group, new() { Name = "Vem gäller det?" });
        await who.GetByLabel(new Regex(Regex.Escape(child))).First.CheckAsync();
        await parent.GetByLabel("Vad har du för besvär?").FillAsync("feber");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        var hits = parent.GetByRole(AriaRole.Region, new() { Name = "Vad gäller det?" });
        await hits.GetByRole(AriaRole.Button).First.ClickAsync();
        // The first question arrives with enhanced navigation: wait for it before the loop looks for "Nästa".
        await Assertions.Expect(parent.GetByText("Fråga 1 av ungefär")).ToBeVisibleAsync();
        await parent.AssertAccessibleAsync();

        // Answer as a parent whose child has a moderate fever and none of the warning signs.
        for (var step = 0; step < 30 && await parent.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).CountAsync() > 0; step++)
        {
            var number = parent.Locator("input#value");
            if (await number.CountAsync() > 0)
            {
                // A duration has a unit to choose (days here); a number shows its unit.
                var duration = await parent.Locator("select#unit").CountAsync() > 0;
                var unit = duration ? "" : await parent.Locator(".number-with-unit span").InnerTextAsync();
                await number.FillAsync(unit.Contains('°', StringComparison.Ordinal) ? "38,2" : "1");
                if (duration)
                {
                    await parent.Locator("select#unit").SelectOptionAsync("dagar");
                }
            }
            else if (await parent.GetByLabel("Nej", new() { Exact = true }).CountAsync() > 0)
            {
                await parent.GetByLabel("Nej", new() { Exact = true }).CheckAsync();
            }
            else
            {
                await parent.Locator("label.choice").First.ClickAsync();
            }
            // The form is posted with Blazor's enhanced navigation: wait until the page shows the next question or the result.
            var before = await parent.Locator("#progress-text").InnerTextAsync();
            await parent.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).ClickAsync();
            await parent.WaitForFunctionAsync("prev => document.querySelector('#progress-text')?.textContent !== prev", before);
        }
        await Assertions.Expect(parent.GetByRole(AriaRole.Heading, new() { Name = "Varför det här rådet?" })).ToBeVisibleAsync();
        await parent.AssertAccessibleAsync();
        await parent.GetByLabel("Vill du lägga till något med egna ord? (frivilligt)").FillAsync("Hon har haft feber sedan i går kväll.");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Skicka till min vårdcentral" }).ClickAsync();
        await Assertions.Expect(parent.GetByText("Bedömningen är skickad till")).ToBeVisibleAsync();
        await parent.GetByRole(AriaRole.Link, new() { Name = "Mina ärenden" }).First.ClickAsync();
        await Assertions.Expect(parent.Heading("Mina ärenden")).ToBeVisibleAsync();
        await Assertions.Expect(parent.GetByText("Inget svar än.")).ToBeVisibleAsync();
        await parent.AssertAccessibleAsync();

        var nurse = await server.NewPageAsync();
        await nurse.SignInAsPersonaAsync("har vårdrelation med invånaren via listning");
        await nurse.GotoAsync("/inkorg");
        await Assertions.Expect(nurse.Heading("Inkorg")).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        var top = nurse.GetByRole(AriaRole.Table, new() { NameRegex = InboxRegex() }).GetByRole(AriaRole.Row).Nth(1);
        await Assertions.Expect(top).ToContainTextAsync("Feber");
        await top.GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(nurse.GetByText("Hon har haft feber sedan i går kväll.")).ToBeVisibleAsync();
        // The case says that the parent sent it, not the child.
        var parentName = card.Split('\n')[0].Trim();
        await Assertions.Expect(nurse.Locator("dl.facts")).ToContainTextAsync(new Regex($"Skickat av\\s*{Regex.Escape(parentName)}"));
        await Assertions.Expect(nurse.Locator("dl.facts")).ToContainTextAsync("inte patienten själv");
        await Assertions.Expect(nurse.GetByRole(AriaRole.Table, new() { Name = "Patientens svar" })).ToBeVisibleAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Patientöversikt" })).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Ta ärendet" }).ClickAsync();
        await Assertions.Expect(nurse.GetByText("Du har tagit ärendet.")).ToBeVisibleAsync();
        await nurse.GetByLabel("Meddelande till patienten").FillAsync("Ge febernedsättande och hör av dig om hon blir sämre.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka meddelandet" }).ClickAsync();
        await Assertions.Expect(nurse.GetByText("Meddelandet är skickat.")).ToBeVisibleAsync();
        // The call-back is a real free time of the unit's schedule, booked for the child: it leaves the list of free times.
        var freeTime = nurse.GetByLabel("Ledig tid");
        var chosen = await freeTime.Locator("option").First.GetAttributeAsync("value");
        var chosenText = (await freeTime.Locator("option").First.InnerTextAsync()).Trim();
        await freeTime.SelectOptionAsync(chosen!);
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Boka", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.GetByText("Återkopplingen är bokad och patienten har fått ett meddelande.")).ToBeVisibleAsync();
        await Assertions.Expect(freeTime.Locator($"option[value='{chosen}']")).ToHaveCountAsync(0);
        var bookedFor = await server.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>()
            .Where(a => a.SlotId == new Nara.Modules.Booking.Contracts.SlotId(Guid.Parse(chosen!)) && a.Status == Nara.Modules.Booking.Contracts.AppointmentStatus.Bokad)
            .Select(a => a.Reason).FirstOrDefaultAsync());
        Assert.True(bookedFor == "Återkoppling i ärende", $"the call-back {chosenText} was not booked in the schedule");
        await nurse.GetByLabel("Din bedömning av angelägenhetsgraden").SelectOptionAsync(new SelectOptionValue { Label = "Kontakta vården i dag" });
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Stäng ärendet" }).ClickAsync();
        await Assertions.Expect(nurse.GetByText("Ärendet är stängt.")).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();

        await parent.ReloadAsync();
        await Assertions.Expect(parent.GetByText("Ge febernedsättande och hör av dig om hon blir sämre.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_resident_books_a_time_straight_from_the_result_and_the_booking_is_on_the_case()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Invånare, listad på");
        await page.GotoAsync("/hjalp");
        await page.GetByText("Visa alla sökorsaker").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ont i bröstet" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Fråga 1 av ungefär")).ToBeVisibleAsync();
        // Chest pain for a few days that is worse on movement, without warning signs: a visit within days.
        for (var step = 0; step < 30 && await page.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).CountAsync() > 0; step++)
        {
            var legend = await page.Locator("legend.question-text").InnerTextAsync();
            if (legend.Contains("När började", StringComparison.Ordinal))
            {
                await page.GetByLabel("För några dagar sedan").CheckAsync();
            }
            else
            {
                await page.GetByLabel(legend.Contains("rör överkroppen", StringComparison.Ordinal) ? "Ja" : "Nej", new() { Exact = true }).CheckAsync();
            }
            var before = await page.Locator("#progress-text").InnerTextAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).ClickAsync();
            await page.WaitForFunctionAsync("prev => document.querySelector('#progress-text')?.textContent !== prev", before);
        }
        var times = page.GetByRole(AriaRole.Region, new() { Name = "Boka en tid" });
        await Assertions.Expect(times).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        // Booking without choosing says so next to the button.
        await times.GetByRole(AriaRole.Button, new() { Name = "Boka vald tid" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Välj en av tiderna");
        await page.GetByRole(AriaRole.Region, new() { Name = "Boka en tid" }).GetByRole(AriaRole.Radio).First.CheckAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Boka en tid" }).GetByRole(AriaRole.Button, new() { Name = "Boka vald tid" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tiden är bokad" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GotoAsync("/mina-arenden");
        await Assertions.Expect(page.GetByText("Ont i bröstet")).ToBeVisibleAsync();
        await page.GetByLabel("Svara vårdcentralen").First.FillAsync("Det gör mest ont när jag hostar.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka svar" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Det gör mest ont när jag hostar.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Someone_not_signed_in_assesses_a_relative_and_the_questions_speak_of_the_person()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/hjalp");
        await page.GetByLabel("Någon annan vuxen som inte kan göra det själv").CheckAsync();
        await page.GetByLabel("Ålder (år)").FillAsync("84");
        await page.GetByLabel("Man", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Vad har du för besvär?").FillAsync("hosta");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "Vad gäller det?" }).GetByRole(AriaRole.Button, new() { Name = "Hosta" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Bedömningen gäller någon annan: 84 år, man.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("legend.question-text")).ToContainTextAsync("personen");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_choice_must_be_made_before_going_on_and_the_message_is_in_swedish()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Invånare, listad på");
        await page.GotoAsync("/hjalp");
        await page.GetByText("Visa alla sökorsaker").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ont i bröstet" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Välj ett svar");
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nej", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Nästa" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Fråga 2 av ungefär")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tillbaka" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Fråga 1 av ungefär")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_assessment_speaks_english_after_the_language_switch()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Invånare, listad på");
        await page.GotoAsync("/hjalp");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Heading("Get help")).ToBeVisibleAsync();
        await page.GetByLabel("What is the problem?").FillAsync("chest pain");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Region, new() { Name = "What is it about?" }).GetByRole(AriaRole.Button, new() { Name = "Chest pain" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Are you in a cold sweat")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [GeneratedRegex(@"Vårdnadshavare för (\S+)")]
    private static partial Regex ChildRegex();

    [GeneratedRegex("kallsvettig")]
    private static partial Regex KallsvettRegex();

    [GeneratedRegex("Ärenden till din enhet")]
    private static partial Regex InboxRegex();
}
