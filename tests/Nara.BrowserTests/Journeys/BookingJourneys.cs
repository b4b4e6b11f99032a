using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;
using Nara.Tests.Infrastructure;

namespace Nara.BrowserTests.Journeys;

/// <summary>Booking in the browser: a resident books, sees and cancels a web-bookable time; staff see the unit's schedule, day and waitlist.</summary>
[Collection(ChromiumTests.Name)]
public sealed partial class BookingJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    [Fact]
    public async Task Resident_books_a_web_bookable_time_sees_it_among_their_bookings_and_cancels_it()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("Invånare, listad på");
        await page.GotoAsync("/boka");
        await Assertions.Expect(page.Heading("Boka tid")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Typ av besök").SelectOptionAsync(new SelectOptionValue { Label = "Besök på mottagningen" });
        // Far enough ahead to be cancellable from the web (the unit's limit is 24 hours).
        await page.GetByLabel("Från och med datum").FillAsync(TestClock.Iso(server.Today.AddDays(3)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sök tider" }).ClickAsync();
        var when = await page.ChooseAndBookFirstFreeTimeAsync(checkAccessibility: true);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Lägg till i kalendern (.ics)" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mina bokningar" }).First.ClickAsync();
        await Assertions.Expect(page.Heading("Mina bokningar")).ToBeVisibleAsync();
        // Moving the time says which time is moved and keeps its kind; nothing changes until a new time is booked.
        await page.GetByRole(AriaRole.Article).Filter(new() { HasText = when }).First.GetByRole(AriaRole.Link, new() { Name = "Boka om" }).ClickAsync();
        await Assertions.Expect(page.Heading("Boka om")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Du flyttar din tid");
        await page.AssertAccessibleAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page.Heading("Mina bokningar")).ToBeVisibleAsync();
        // .First: another journey may have left a booking of the same persona at the same time.
        var cancel = page.GetByRole(AriaRole.Button, new() { Name = $"Avboka tiden {when}" }).First;
        await Assertions.Expect(cancel).ToBeVisibleAsync();
        var sameTime = await page.GetByRole(AriaRole.Button, new() { Name = $"Avboka tiden {when}" }).CountAsync();
        await page.AssertAccessibleAsync();
        // Cancelling asks first and says what will happen; "no" leaves the booking as it was.
        await cancel.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync($"Vill du avboka tiden {when}? Tiden blir ledig för någon annan.");
        await page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Nej, gå tillbaka" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(cancel).ToBeVisibleAsync();
        await cancel.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ja, avboka" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tiden är avbokad.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tiden är avbokad.")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Avboka tiden {when}" })).ToHaveCountAsync(sameTime - 1);
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByText("Avbokad")).Not.ToHaveCountAsync(0);

        // A cancellation can be undone for a while: the same time is booked again. Then cancelled for good.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Ångra avbokningen av tiden {when}" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Avbokningen är ångrad: tiden är bokad igen.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Avboka tiden {when}" })).ToHaveCountAsync(sameTime);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Avboka tiden {when}" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Ja, avboka" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Tiden är avbokad.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Nurse_sees_the_units_weekly_patterns_adds_leave_and_raises_a_wish_on_the_waitlist()
    {
        var page = await server.NewPageAsync();
        await page.SignInAsPersonaAsync("har vårdrelation");
        await page.GotoAsync("/schema");
        await Assertions.Expect(page.Heading("Schema")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        var from = TestClock.Iso(server.Today.AddDays(10));
        var absence = page.GetByRole(AriaRole.Region, new() { Name = "Frånvaro och stängda dagar" });
        // A failed action far down the page: its message is brought into view and given focus, not left above the screen.
        await absence.GetByRole(AriaRole.Button, new() { Name = "Lägg till frånvaro" }).ClickAsync();
        var error = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(error).ToBeFocusedAsync();
        await Assertions.Expect(error).ToBeInViewportAsync();
        await absence.GetByLabel("Från och med datum").FillAsync(from);
        await absence.GetByLabel("Till och med datum").FillAsync(from);
        await absence.GetByRole(AriaRole.Button, new() { Name = "Lägg till frånvaro" }).ClickAsync();
        await Assertions.Expect(page.GetByText(FrånvaroRegex())).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/bokningar");
        await Assertions.Expect(page.Heading("Bokningar")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        // The unit's waitlist (demo wishes): the last in the queue is judged most urgent and moves to the front.
        await page.GetByRole(AriaRole.Link, new() { Name = "Väntelista", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Heading("Väntelista")).ToBeVisibleAsync();
        var queue = page.GetByRole(AriaRole.Region, new() { Name = "I kö" });
        await Assertions.Expect(queue.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var last = queue.GetByRole(AriaRole.Row).Last;
        var who = await last.GetByRole(AriaRole.Rowheader).InnerTextAsync();
        await last.GetByRole(AriaRole.Combobox).SelectOptionAsync(new SelectOptionValue { Label = "4 – mest angeläget" });
        await last.GetByRole(AriaRole.Button, new() { Name = "Spara" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Angelägenhetsgraden är sparad.")).ToBeVisibleAsync();
        await Assertions.Expect(queue.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Rowheader)).ToHaveTextAsync(who);
        await page.AssertAccessibleAsync();
    }


    [GeneratedRegex("Frånvaron är inlagd: \\d+ lediga tider togs bort")]
    private static partial Regex FrånvaroRegex();
}
