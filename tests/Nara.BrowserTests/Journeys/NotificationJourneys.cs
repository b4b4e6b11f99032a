using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;

namespace Nara.BrowserTests.Journeys;

[Collection(ChromiumTests.Name)]
public sealed class NotificationJourneys(NaraServer server)
{
    private static async Task<Guid> SignedInIdAsync(IPage page)
    {
        var me = await page.Context.APIRequest.GetAsync("/api/auth/me");
        return JsonDocument.Parse(await me.TextAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Reloads until the text appears: the outbox dispatcher sends every few seconds.</summary>
    private static async Task ReloadUntilVisibleAsync(IPage page, string text)
    {
        for (var i = 0; i < 20 && await page.GetByText(text).CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Assertions.Expect(page.GetByText(text).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Resident_books_gets_the_reminder_in_the_utkorg_cancels_and_a_waitlisted_resident_is_offered_and_accepts_the_time()
    {
        // Two residents, each in their own browser.
        var booker = await server.NewPageAsync();
        await booker.SignInAsPersonaAsync("Invånare, listad på");
        var bookerId = new ResidentId(await SignedInIdAsync(booker));
        var waiter = await server.NewPageAsync();
        await waiter.SignInAsPersonaAsync("Vårdnadshavare för");

        // A web-bookable time at the booker's vårdcentral, three days ahead (no UI for schedules yet: set up in the database).
        var (unitId, unitName) = await server.WithDbAsync(async db =>
        {
            var unit = await db.Set<Listing>().Where(l => l.ResidentId == bookerId && l.To == null).Select(l => l.UnitId).FirstAsync();
            return (unit, await db.Set<CareUnit>().Where(u => u.Id == unit).Select(u => u.Name).FirstAsync());
        });
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(9).AddMinutes(Random.Shared.Next(0, 40) * 5), TimeSpan.Zero);
        var slot = new Slot { UnitId = unitId, Type = SlotType.Besok, Start = start, End = start.AddMinutes(20), WebBookable = true };
        await server.WithDbAsync(async db =>
        {
            db.Add(slot);
            return await db.SaveChangesAsync();
        });

        // The waitlisted resident asks for an earlier time at that unit.
        await waiter.GotoAsync("/vantelista");
        await Assertions.Expect(waiter.Heading("Tidigare tid")).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();
        await waiter.GetByLabel("Enhet", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = unitName });
        await waiter.GetByLabel("Typ av besök").SelectOptionAsync(new SelectOptionValue { Label = "Besök på mottagningen" });
        await waiter.GetByRole(AriaRole.Button, new() { Name = "Ställ mig i kö" }).ClickAsync();
        await Assertions.Expect(waiter.GetByText("Du står nu i kö.")).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();

        // The booker books the time (through the API: the booking pages are being built alongside).
        var booked = await booker.Context.APIRequest.PostAsync($"/api/booking/slots/{slot.Id}/book", new() { DataObject = new { } });
        Assert.Equal(201, booked.Status);
        var appointmentId = JsonDocument.Parse(await booked.TextAsync()).RootElement.GetProperty("appointmentId").GetGuid();

        await booker.GotoAsync("/utkorg");
        await ReloadUntilVisibleAsync(booker, "Din tid är bokad");
        await booker.AssertAccessibleAsync();

        // A day before the visit the reminder goes out. The app runs on the real clock: its send time is brought forward.
        var reference = Outbox.BookingReference(appointmentId);
        await server.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.Reference == reference && m.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, DateTimeOffset.UtcNow)));
        await ReloadUntilVisibleAsync(booker, "Påminnelse om din bokade tid");
        var reminder = booker.GetByRole(AriaRole.Article).Filter(new() { HasText = "Påminnelse om din bokade tid" });
        await Assertions.Expect(reminder).ToContainTextAsync("Logga in i Nära för detaljer");
        await Assertions.Expect(reminder).Not.ToContainTextAsync(unitName);

        // The booker cancels (through the API, as above) and gets a cancellation.
        var cancelled = await booker.Context.APIRequest.PostAsync($"/api/booking/appointments/{appointmentId}/cancel");
        Assert.Equal(204, cancelled.Status);
        await ReloadUntilVisibleAsync(booker, "Din tid är avbokad");

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
        await ReloadUntilVisibleAsync(waiter, "Din tid är bokad");
        await Assertions.Expect(waiter.GetByText("En tidigare tid finns").First).ToBeVisibleAsync();
        await waiter.AssertAccessibleAsync();

        // An administrator sees the delivery state of the messages, without recipients or texts.
        var admin = await server.NewPageAsync();
        await admin.SignInAsPersonaAsync("Administratör");
        await admin.GotoAsync("/utkorg?visa=Alla");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table)).ToContainTextAsync("Påminnelse");
        await Assertions.Expect(admin.GetByRole(AriaRole.Table)).Not.ToContainTextAsync("Logga in i Nära");
        await admin.AssertAccessibleAsync();
    }
}
