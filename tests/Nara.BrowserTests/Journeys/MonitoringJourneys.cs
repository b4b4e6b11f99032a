using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>
/// Self-monitoring in the browser: the nurse sets a person's blood-pressure limits, the person enters an impossible value
/// (told what is wrong) and then a high one, is told the team knows, and sees it on the chart with the limits; the alert is
/// on the team's worklist and the nurse handles it. axe-core on every page.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed partial class MonitoringJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task A_person_with_hypertension_enters_a_high_blood_pressure_and_the_nurse_sees_the_alert_and_handles_it()
    {
        var (person, nurse) = await server.PersonAndTheirNurseAsync();
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Mätvärden hemifrån" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Personliga gränser" })).ToBeVisibleAsync();
        await nurse.AssertAccessibleAsync();
        var systolic = nurse.GetByRole(AriaRole.Group, new() { Name = "Övre (systoliskt) (mm[Hg])" });
        var diastolic = nurse.GetByRole(AriaRole.Group, new() { Name = "Undre (diastoliskt) (mm[Hg])" });
        await systolic.GetByLabel("Mål lägst").FillAsync("100");
        await systolic.GetByLabel("Mål högst").FillAsync("140");
        await systolic.GetByLabel("Larm över").FillAsync("180");
        await diastolic.GetByLabel("Mål högst").FillAsync("90");
        await diastolic.GetByLabel("Larm över").FillAsync("110");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Spara gränserna" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Gränserna är sparade");

        // The person: an impossible value is refused with a reason; a high one is saved, and the team is told.
        await person.GotoAsync("/mina-sidor/matvarden?matt=blood-pressure");
        await Assertions.Expect(person.Heading("Mina mätvärden")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();
        await person.GetByLabel("Övre (systoliskt)").FillAsync("400");
        await person.GetByLabel("Undre (diastoliskt)").FillAsync("20");
        await person.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        await Assertions.Expect(person.Locator("#value-error")).ToContainTextAsync("inte ett möjligt värde");
        await person.AssertAccessibleAsync();
        await person.GetByLabel("Övre (systoliskt)").FillAsync("186");
        await person.GetByLabel("Undre (diastoliskt)").FillAsync("104");
        await person.GetByRole(AriaRole.Button, new() { Name = "Spara", Exact = true }).ClickAsync();
        var status = person.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sparat" });
        await Assertions.Expect(status).ToContainTextAsync("186/104 mm[Hg]");
        await Assertions.Expect(status).ToContainTextAsync("De har fått veta det");
        await Assertions.Expect(status).ToContainTextAsync("ring 1177");
        await Assertions.Expect(person.Locator("canvas[role=img]")).ToHaveAttributeAsync("aria-label", new Regex("Blodtryck.*1 värden.*186/104"));
        await Assertions.Expect(person.GetByText("mål 100–140")).ToBeVisibleAsync();
        await person.AssertAccessibleAsync();

        // The team: the alert on the worklist, high priority; handled with what was done.
        await nurse.GotoAsync("/min-arbetsdag");
        var row = nurse.Locator("table.worklist tbody tr").Filter(new() { HasText = "Blodtryck 186/104" });
        await Assertions.Expect(row).ToContainTextAsync("Akut");
        await nurse.AssertAccessibleAsync();
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Larm" })).ToBeVisibleAsync();
        await nurse.GetByLabel("Vad har gjorts?").FillAsync("Ringt upp, ny mätning i morgon, läkartid bokad.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Markera som hanterat" }).ClickAsync();
        await Assertions.Expect(nurse.GetByRole(AriaRole.Status).First).ToContainTextAsync("Larmet är hanterat");
        await Assertions.Expect(nurse.GetByText("Ringt upp, ny mätning i morgon")).ToBeVisibleAsync();
        await nurse.GetByText("Visa siffrorna som tabell").ClickAsync();
        await Assertions.Expect(nurse.Locator("details.chart-table table")).ToContainTextAsync("186");
        await nurse.AssertAccessibleAsync();
        await person.Context.CloseAsync();
        await nurse.Context.CloseAsync();
    }
}
