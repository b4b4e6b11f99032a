using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>
/// The care team across region and municipality in the browser: the person sees "Mitt vårdteam" with the fixed contacts;
/// the municipal nurse in the team sees the region's information only after the person consents, and not after the
/// person withdraws it; the region's nurse adds and removes a member on the staff page. axe-core on every page.
/// </summary>
[Collection(ChromiumTests.Name)]
public sealed class CoordinationJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    private const string ResidentPersona = "Invånare, listad på";
    private const string NurseWithRelationship = "har vårdrelation";
    private const string MunicipalNurse = "Sjuksköterska i kommunens hemsjukvård";
    private const string Specialist = "Läkare på specialistklinik";

    [Fact]
    public async Task The_municipal_nurse_sees_the_regions_record_only_while_the_person_consents()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GetByRole(AriaRole.Link, new() { Name = "Mitt vårdteam" }).ClickAsync();
        await Assertions.Expect(page.Heading("Mitt vårdteam")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dina fasta kontakter" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Fast vårdkontakt:")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Hemtjänstgrupp, morgon och kväll")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var pnr = await PersonnummerAsync(page);
        await page.SignOutAsync();

        // In the team, but no consent: the overview opens (a care relationship) and says the region's part is hidden.
        await page.SignInAsPersonaAsync(MunicipalNurse);
        await OpenOverviewAsync(page, pnr);
        var hidden = page.GetByText("uppgifter från regionen visas inte");
        await Assertions.Expect(hidden).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ge samtycke: Kommunen får se regionens uppgifter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt samtycke är sparat");
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(MunicipalNurse);
        await OpenOverviewAsync(page, pnr);
        await Assertions.Expect(hidden).ToBeHiddenAsync();
        await page.SignOutAsync();

        // Withdrawn: hidden again (and the demo is as it was for the other journeys).
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ta tillbaka samtycke: Kommunen får se regionens uppgifter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt samtycke är borttaget");
        await page.GetByText("Historik").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tidigare samtycken" })).ToBeVisibleAsync();
        await page.SignOutAsync();
        await page.SignInAsPersonaAsync(MunicipalNurse);
        await OpenOverviewAsync(page, pnr);
        await Assertions.Expect(hidden).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_nurse_adds_a_member_to_the_team_and_removes_them_again()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        var pnr = await PersonnummerAsync(page);
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(NurseWithRelationship);
        await OpenOverviewAsync(page, pnr);
        await page.GetByRole(AriaRole.Link, new() { Name = "Vårdteam, fast vårdkontakt och samtycke" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fast vårdkontakt och fast läkarkontakt" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // The nurse's own unit is chosen; add a colleague who is not yet in the team.
        var staff = page.GetByLabel("Vem", new() { Exact = true }).Last;
        var options = await staff.Locator("option").AllInnerTextsAsync();
        var members = await page.GetByRole(AriaRole.Table).First.InnerTextAsync();
        var colleague = options.Skip(1).First(o => !members.Contains(o.Split(',')[0], StringComparison.Ordinal));
        await staff.SelectOptionAsync(new SelectOptionValue { Label = colleague });
        await page.GetByLabel("Roll").FillAsync("Diabetessjuksköterska");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Medlemmen är tillagd");
        var name = colleague.Split(',')[0];
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("Diabetessjuksköterska");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = $"Ta bort {name} ur vårdteamet" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Medlemmen är borttagen");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        // A care pathway: started today, its first step due in three days; marked done, the next one's clock starts.
        await page.GetByLabel("Starta ett vårdförlopp").SelectOptionAsync(new SelectOptionValue { Label = "KOL – kroniskt obstruktiv lungsjukdom" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Starta", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Vårdförloppet är startat");
        var steps = page.GetByRole(AriaRole.Table, new() { Name = "Stegen i KOL – kroniskt obstruktiv lungsjukdom" });
        await Assertions.Expect(steps.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("I tid");
        await page.AssertAccessibleAsync();
        await steps.GetByRole(AriaRole.Button).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Steget är klart");
        await Assertions.Expect(steps.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("klart");
    }

    [Fact]
    public async Task The_nurse_and_the_person_write_the_plan_book_an_agreed_time_and_the_municipal_nurse_sees_it_only_with_consent()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        var pnr = await PersonnummerAsync(page);
        await page.SignOutAsync();

        // The nurse, the person's fixed care contact: the overdue activity of the demo plan is on her worklist.
        await page.SignInAsPersonaAsync(NurseWithRelationship);
        await page.GotoAsync("/min-arbetsdag?allt=1");
        var tasks = page.GetByRole(AriaRole.Region, new() { Name = "Att göra", Exact = true });
        await Assertions.Expect(tasks).ToContainTextAsync("Ringa och följa upp hur det går hemma");
        await OpenOverviewAsync(page, pnr);
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan (patientkontrakt): mål, aktiviteter och överenskomna tider" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vad är viktigt för dig?" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // A new activity that needs a time agreed with the person, and the time booked from the plan.
        await page.GetByLabel("Aktivitet", new() { Exact = true }).FillAsync("Samtal om sömn och smärta");
        await page.GetByLabel("Aktiviteten behöver en tid").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Aktiviteten är tillagd");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Samtal om sömn och smärta" });
        await Assertions.Expect(row).ToContainTextAsync("Ingen tid bokad än");
        await row.GetByRole(AriaRole.Link, new() { Name = "Boka tid" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Boka tid för: Samtal om sömn och smärta" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.Locator(".slot-list button").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tiden är bokad");
        await Assertions.Expect(row).Not.ToContainTextAsync("Ingen tid bokad än");
        await page.SignOutAsync();

        // The person reads it, adds a goal in their own words, comments and approves the version they read.
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GetByRole(AriaRole.Link, new() { Name = "Min plan", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading("Min plan")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Samtal om sömn och smärta" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Vad är viktigt för dig?" }).FillAsync("Att kunna gå på barnbarnets skolavslutning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt mål finns nu i planen");
        await Assertions.Expect(page.Locator("blockquote").Filter(new() { HasText = "skolavslutning" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Jag godkänner planen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Du har godkänt planen");
        await Assertions.Expect(page.GetByText("Godkänd", new() { Exact = true })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();

        // The municipal nurse in the team: refused until the person consents to sharing, then she sees the plan.
        await page.SignInAsPersonaAsync(MunicipalNurse);
        await OpenOverviewAsync(page, pnr);
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan (patientkontrakt): mål, aktiviteter och överenskomna tider" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("andra huvudmannen");
        await page.AssertAccessibleAsync();
        var planUrl = page.Url;
        await page.SignOutAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ge samtycke: Kommunen får se regionens uppgifter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt samtycke är sparat");
        await page.SignOutAsync();
        await page.SignInAsPersonaAsync(MunicipalNurse);
        await page.GotoAsync(planUrl);
        await Assertions.Expect(page.Locator("blockquote").Filter(new() { HasText = "skolavslutning" })).ToBeVisibleAsync();
        await page.SignOutAsync();

        // Withdrawn again, so the demo is as it was for the other journeys.
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ta tillbaka samtycke: Kommunen får se regionens uppgifter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt samtycke är borttaget");
    }

    [Fact]
    public async Task A_referral_from_the_vardcentral_is_accepted_at_the_clinic_and_its_90_day_clock_shows()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        var pnr = await PersonnummerAsync(page);
        await page.SignOutAsync();

        var clinic = await ClinicNameAsync(page);

        await page.SignInAsPersonaAsync(NurseWithRelationship);
        await OpenOverviewAsync(page, pnr);
        await page.GetByRole(AriaRole.Link, new() { Name = "Remisser: skicka och följ" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Skicka remiss" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Till enhet").SelectOptionAsync(new SelectOptionValue { Label = clinic });
        await page.GetByLabel("Frågeställning").FillAsync("Bedömning av höftledsartros inför eventuell operation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka remiss" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissen är skickad");
        await Assertions.Expect(page.GetByText("Väntar på mottagaren")).ToBeVisibleAsync();
        await page.SignOutAsync();

        // The clinic accepts it from its inbox: the 90-day clock to the first visit shows on the referral.
        await page.SignInAsPersonaAsync(Specialist);
        await page.GetByRole(AriaRole.Link, new() { Name = "Remisser", Exact = true }).ClickAsync();
        var card = page.Locator("article.referral").Filter(new() { HasText = "höftledsartros" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Acceptera" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Remissen är accepterad");
        await Assertions.Expect(card).ToContainTextAsync("90 – besök i specialiserad vård");
        await page.AssertAccessibleAsync();

        // The clinic books the first visit on the person's behalf: the booked time with a doctor stops the clock.
        await page.GotoAsync("/bokningar");
        await page.GetByLabel("Personnummer").FillAsync(pnr);
        await page.GetByRole(AriaRole.Button, new() { Name = "Hämta lediga tider" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Boka", Exact = false }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tiden är bokad");
        await page.GetByRole(AriaRole.Link, new() { Name = "Remisser", Exact = true }).ClickAsync();
        await Assertions.Expect(card).ToContainTextAsync("Bokad tid");

        await page.SignOutAsync();

        // The person follows it on Mitt vårdteam.
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        var mine = page.GetByRole(AriaRole.Region, new() { Name = "Dina remisser" });
        await Assertions.Expect(mine).ToContainTextAsync("Accepterad");
        await page.AssertAccessibleAsync();
    }

    // The specialist persona's clinic, as the demo sign-in page describes them.
    private static async Task<string> ClinicNameAsync(IPage page)
    {
        await page.GotoAsync("/demo-inloggning");
        var text = await page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "tar emot remisser" }).InnerTextAsync();
        return System.Text.RegularExpressions.Regex.Match(text, @"\(([^)]*)\), tar emot remisser").Groups[1].Value;
    }

    [Fact]
    public async Task The_nurse_starts_a_sip_only_with_consent_and_plans_who_does_what_and_the_person_sees_it()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        var pnr = await PersonnummerAsync(page);
        await page.SignOutAsync();

        await page.SignInAsPersonaAsync(NurseWithRelationship);
        // The worklist is one list, the most urgent first; the person's pathway step at risk is on it.
        await page.GotoAsync("/min-arbetsdag?allt=1");
        var todo = page.GetByRole(AriaRole.Region, new() { Name = "Att göra", Exact = true });
        await Assertions.Expect(todo.GetByRole(AriaRole.Row).Filter(new() { HasText = "Vårdförlopp" }).Filter(new() { HasText = "Snart" }).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await OpenOverviewAsync(page, pnr);
        await page.GetByRole(AriaRole.Link, new() { Name = "SIP och utskrivning" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Samordnade individuella planer (SIP)" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var purpose = $"Trygg hemgång efter fallolycka {Guid.NewGuid().ToString("N")[..6]}";
        await page.GetByLabel("Vad ska SIP:en samordna?").FillAsync(purpose);
        // Without the person's consent there is no SIP.
        await page.GetByRole(AriaRole.Button, new() { Name = "Starta SIP" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("samtyckt");
        await page.GetByLabel("Vad ska SIP:en samordna?").FillAsync(purpose);
        await page.GetByLabel("Personen (eller vårdnadshavaren) har samtyckt till en SIP").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Starta SIP" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("SIP:en är startad");
        var sip = page.GetByRole(AriaRole.Article).Filter(new() { HasText = purpose });
        await sip.GetByText("Ändra SIP:en").ClickAsync();
        await sip.GetByLabel("Vad ska göras?").FillAsync("Trygghetslarm installeras");
        await sip.GetByLabel("Senast").FillAsync("2026-12-31");
        await sip.GetByRole(AriaRole.Button, new() { Name = "Lägg till" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Insatsen är tillagd");
        await Assertions.Expect(page.GetByText("Trygghetslarm installeras").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        // End it again, so the demo is as it was for the other journeys; the person saw it while it was open.
        await page.SignOutAsync();
        await page.SignInAsPersonaAsync(ResidentPersona);
        await page.GotoAsync("/mina-sidor/vardteam");
        await Assertions.Expect(page.GetByText(purpose)).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.SignOutAsync();
        await page.SignInAsPersonaAsync(NurseWithRelationship);
        await OpenOverviewAsync(page, pnr);
        await page.GetByRole(AriaRole.Link, new() { Name = "SIP och utskrivning" }).ClickAsync();
        sip = page.GetByRole(AriaRole.Article).Filter(new() { HasText = purpose });
        await sip.GetByText("Ändra SIP:en").ClickAsync();
        await sip.GetByRole(AriaRole.Button, new() { Name = "Avsluta SIP:en" }).ClickAsync();
        // Asked first (data-confirm): yes.
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ja", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("SIP:en är avslutad");
    }

    private static async Task OpenOverviewAsync(IPage page, string pnr)
    {
        await page.GotoAsync("/min-arbetsdag");
        await page.OpenPatientAsync(pnr);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vårdkontakter" })).ToBeVisibleAsync();
    }

    // The resident's personnummer, from their own start page.
    private static async Task<string> PersonnummerAsync(IPage page)
    {
        await page.GotoAsync("/mina-sidor");
        var text = await page.Locator("main").InnerTextAsync();
        return System.Text.RegularExpressions.Regex.Match(text, @"\d{8}-\d{4}").Value;
    }
}
