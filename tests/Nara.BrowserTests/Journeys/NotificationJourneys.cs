using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

[Collection(ChromiumTests.Name)]
public sealed partial class NotificationJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    private static async Task<Guid> SignedInIdAsync(IPage page)
    {
        var me = await page.Context.APIRequest.GetAsync("/api/auth/me");
        return JsonDocument.Parse(await me.TextAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Reloads until the text appears: the outbox dispatcher sends every few seconds.</summary>
    [Fact]
    public async Task Resident_books_gets_the_reminder_in_the_utkorg_cancels_and_a_waitlisted_resident_is_offered_and_accepts_the_time()
    {
        // Two residents, each in their own browser.
        var booker = await server.NewPageAsync();
        await booker.SignInAsPersonaAsync("Invånare, listad på");
        var bookerId = new ResidentId(await SignedInIdAsync(booker));
        var waiter = await server.NewPageAsync();
        await waiter.SignInAsPersonaAsync("Vårdnadshavare för");
        var waiterId = new ResidentId(await SignedInIdAsync(waiter));

        var unitName = await server.WithDbAsync(async db =>
        {
            var unit = await db.Set<Listing>().Where(l => l.ResidentId == bookerId && l.To == null).Select(l => l.UnitId).FirstAsync();
            return await db.Set<CareUnit>().Where(u => u.Id == unit).Select(u => u.Name).FirstAsync();
        });

        // The waitlisted resident has a triage case (sent earlier; written here rather than through an assessment).
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(),
            ResidentId = waiterId,
            UnitId = await server.WithDbAsync(db => db.Set<Listing>().Where(l => l.ResidentId == bookerId && l.To == null).Select(l => l.UnitId).FirstAsync()),
            ComplaintId = "hosta",
            EngineUrgency = Urgency.VardInomDagar,
            SummaryJson = System.Text.Json.JsonSerializer.Serialize(new CaseSummary("hosta", "Hosta", "test", Urgency.VardInomDagar,
                Nara.Modules.Triage.Contracts.TriageCareLevel.Vardcentral, Nara.Modules.Triage.Contracts.TriageChannel.Besok,
                "Hosta i mer än tre veckor.", [new CaseSummaryAnswer("langvarig", "Har du hostat i mer än tre veckor?", "Ja", false)], ["langvarig"], null)),
            SentBy = waiterId.Value,
            CreatedAt = server.Now.AddDays(-1),
            Status = CaseStatus.Ny,
        };
        await server.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            return await db.SaveChangesAsync();
        });

        // The waitlisted resident asks for an earlier time at the booker's vårdcentral, for that case.
        await waiter.GotoAsync("/vantelista");
        await Assertions.Expect(waiter.Heading("Återbudstider")).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();
        await waiter.GetByLabel("Enhet", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = unitName });
        await waiter.GetByLabel("Typ av besök").SelectOptionAsync(new SelectOptionValue { Label = "Besök på mottagningen" });
        await waiter.GetByLabel("Gäller ärende").SelectOptionAsync(new SelectOptionValue { Value = triageCase.Id.ToString() });
        await waiter.GetByRole(AriaRole.Button, new() { Name = "Ställ mig i kö" }).ClickAsync();
        await Assertions.Expect(waiter.GetByText("Du står nu i kö.")).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();
        Assert.Equal(1, await server.WithDbAsync(db => db.Set<WaitlistEntry>().Where(w => w.ResidentId == waiterId && w.Status == WaitlistStatus.Aktiv).Select(w => w.Urgency).SingleAsync()));

        // The booker books a web-bookable time three days ahead.
        await booker.GotoAsync("/boka");
        await booker.GetByLabel("Typ av besök").SelectOptionAsync(new SelectOptionValue { Label = "Besök på mottagningen" });
        await booker.GetByLabel("Från och med datum").FillAsync(TestClock.Iso(server.Today.AddDays(3)));
        await booker.GetByRole(AriaRole.Button, new() { Name = "Sök tider" }).ClickAsync();
        var when = await booker.ChooseAndBookFirstFreeTimeAsync();

        // The confirmation is sent by the outbox: the menu shows it as unread on any page until the messages are opened.
        await booker.GotoAsync("/mina-sidor");
        for (var i = 0; i < 20 && await booker.Locator(".nav-badge").CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await booker.ReloadAsync();
        }
        var messagesLink = booker.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Meddelanden till dig\\s*, \\d+ olästa$") });
        await Assertions.Expect(messagesLink).ToBeVisibleAsync();
        await booker.GotoAsync("/utkorg");
        // For a resident the page is what it is to them: the messages sent to them, each addressed to "you".
        await Assertions.Expect(booker.Heading("Meddelanden till dig")).ToBeVisibleAsync();
        await booker.ReloadUntilVisibleAsync("Din tid är bokad");
        await Assertions.Expect(booker.GetByRole(AriaRole.Article).Filter(new() { HasText = "Din tid är bokad" }).First).ToContainTextAsync("Till dig");
        await booker.AssertAccessibleAsync();
        // Opened: shown again, the messages that were new are new no more (ones sent since may be).
        var wereNew = await booker.EvaluateAsync<string[]>("() => [...document.querySelectorAll('article')].filter(a => a.querySelector('.new-badge')).map(a => a.getAttribute('aria-labelledby'))");
        await booker.ReloadAsync();
        foreach (var id in wereNew)
        {
            await Assertions.Expect(booker.Locator($"article[aria-labelledby='{id}'] .new-badge")).ToHaveCountAsync(0);
        }

        // A day before the visit the reminder goes out. The app's clock runs at the normal pace: its send time is brought forward.
        await server.WithDbAsync(db => db.Set<OutboxMessage>()
            .Where(m => m.Recipient == bookerId && m.Kind == "Påminnelse" && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, server.Now)));
        await booker.ReloadUntilVisibleAsync("Påminnelse om din bokade tid");
        var reminder = booker.GetByRole(AriaRole.Article).Filter(new() { HasText = "Påminnelse om din bokade tid" });
        await Assertions.Expect(reminder).ToContainTextAsync("Logga in i Nära för detaljer");
        await Assertions.Expect(reminder).ToContainTextAsync(when[^5..]);
        await Assertions.Expect(reminder).Not.ToContainTextAsync(unitName);

        // The booker cancels and gets a cancellation.
        await booker.GotoAsync("/mina-bokningar");
        await booker.GetByRole(AriaRole.Button, new() { Name = $"Avboka tiden {when}" }).ClickAsync();
        await booker.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ja, avboka" }).ClickAsync();
        await Assertions.Expect(booker.GetByText("Tiden är avbokad.")).ToBeVisibleAsync();
        await booker.GotoAsync("/utkorg");
        await booker.ReloadUntilVisibleAsync("Din tid är avbokad");

        // The waitlisted resident is offered the freed time and accepts it.
        await waiter.GotoAsync("/vantelista");
        var offers = waiter.GetByRole(AriaRole.Region, new() { Name = "Erbjudanden" });
        await Assertions.Expect(offers.GetByRole(AriaRole.Row).Filter(new() { HasText = unitName })).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();
        await offers.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Acceptera") }).ClickAsync();
        await Assertions.Expect(waiter.GetByText("Tiden är bokad.")).ToBeVisibleAsync();
        await Assertions.Expect(waiter.GetByText("Du har inga erbjudanden just nu.")).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();

        await waiter.GotoAsync("/utkorg");
        await waiter.ReloadUntilVisibleAsync("Din tid är bokad");
        await Assertions.Expect(waiter.GetByText("En tidigare tid finns").First).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();

        // An administrator sees the delivery state of the messages, without recipients or texts.
        var admin = await server.NewPageAsync();
        await admin.SignInAsPersonaAsync("Administratör");
        await admin.GotoAsync("/utkorg?visa=Alla");
        await Assertions.Expect(admin.Heading("Utkorg")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Table)).ToContainTextAsync("Påminnelse");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table)).Not.ToContainTextAsync("Logga in i Nära");
        await admin.AssertAccessibleAsync();
    }

}
