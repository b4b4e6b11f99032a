using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Nara.BrowserTests.Infrastructure;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Identifiers;

namespace Nara.BrowserTests.Journeys;

/// <summary>The virtual care centre: a resident and a nurse, each in their own browser, meet on video and chat.</summary>
[Collection(ChromiumTests.Name)]
public sealed partial class VirtualCareJourneys(NaraServer server) : IDisposable
{
    public void Dispose() => server.AssertNoCspViolations();

    private static readonly LocatorAssertionsToHaveTextOptions Connecting = new() { Timeout = 30_000 };

    [Fact]
    public async Task Resident_checks_in_the_nurse_lets_them_in_they_talk_and_chat_and_ending_records_the_visit()
    {
        var resident = await server.NewPageAsync();
        var nurse = await server.NewPageAsync();
        var console = new System.Collections.Concurrent.ConcurrentQueue<string>();
        resident.Console += (_, m) => console.Enqueue($"invånare {m.Type}: {m.Text}");
        nurse.Console += (_, m) => console.Enqueue($"sjuksköterska {m.Type}: {m.Text}");
        var residentName = await resident.SignInAsPersonaAsync("Invånare, listad på");
        await nurse.SignInAsPersonaAsync("har vårdrelation");
        var residentId = (await MeAsync(resident)).GetProperty("id").GetGuid();
        var nurseMe = await MeAsync(nurse);

        // The schedule UI is not built yet: the unit's video time is put in the database, and the resident books it.
        var start = server.Now.AddMinutes(5);
        var slot = new Slot
        {
            UnitId = new UnitId(nurseMe.GetProperty("unitId").GetGuid()),
            StaffId = new StaffId(nurseMe.GetProperty("id").GetGuid()),
            Type = SlotType.Video,
            Start = start,
            End = start.AddMinutes(20),
            WebBookable = true,
        };
        await server.WithDbAsync(async db =>
        {
            db.Add(slot);
            return await db.SaveChangesAsync();
        });
        var booked = await resident.APIRequest.PostAsync($"/api/booking/slots/{slot.Id}/book", new() { DataObject = new { } });
        Assert.Equal(201, booked.Status);
        var appointmentId = JsonDocument.Parse(await booked.TextAsync()).RootElement.GetProperty("appointmentId").GetGuid();

        // The nurse has the waiting room open before the resident checks in (reached with Blazor's enhanced navigation).
        await nurse.GetByRole(AriaRole.Link, new() { Name = "Väntrum", Exact = true }).ClickAsync();
        await Assertions.Expect(nurse.Heading("Väntrum")).ToBeVisibleAsync();
        var row = nurse.GetByRole(AriaRole.Row).Filter(new() { HasText = residentName });
        await Assertions.Expect(row).ToContainTextAsync("Inte incheckad");
        await Assertions.Expect(nurse.Locator("#vc-waiting-room")).ToHaveAttributeAsync("data-live", "true");
        await nurse.AssertAccessibleAsync();

        await resident.GetByRole(AriaRole.Link, new() { Name = "Mina digitala besök" }).ClickAsync();
        await Assertions.Expect(resident.Heading("Mina digitala besök")).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Link, new() { NameRegex = VideoVisitRegex() }).ClickAsync();
        await Assertions.Expect(resident.GetByRole(AriaRole.Heading, new() { NameRegex = VideoVisitRegex(), Level = 1 })).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Checka in" }).ClickAsync();
        await Assertions.Expect(resident.Locator("#vc-status")).ToHaveTextAsync("Du väntar på att bli insläppt.");
        // While waiting, the resident tries the camera and microphone (Chromium's fake devices here).
        // The button is enabled once the page's script listens for it.
        await Assertions.Expect(resident.GetByRole(AriaRole.Button, new() { Name = "Testa kamera och mikrofon" })).ToBeEnabledAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Testa kamera och mikrofon" }).ClickAsync();
        await Assertions.Expect(resident.Locator("#vc-check-status")).ToHaveTextAsync("Kameran och mikrofonen fungerar.");
        await Assertions.Expect(resident.Locator("#vc-check-video")).ToBeVisibleAsync();
        await resident.AssertAccessibleAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "Avsluta testet" }).ClickAsync();
        await Assertions.Expect(resident.Locator("#vc-check-video")).ToBeHiddenAsync();

        // The check-in reaches the open waiting room by itself.
        await Assertions.Expect(row).ToContainTextAsync("Väntar");
        await nurse.AssertAccessibleAsync();
        await row.GetByRole(AriaRole.Button, new() { NameRegex = LetInRegex() }).ClickAsync();

        // Both browsers are now in the meeting and the peer-to-peer connection comes up.
        try
        {
            await Assertions.Expect(nurse.Locator("#vc-status")).ToHaveTextAsync("Ansluten", Connecting);
            await Assertions.Expect(resident.Locator("#vc-status")).ToHaveTextAsync("Ansluten", Connecting);
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"The call did not connect. Browser console:\n{string.Join("\n", console)}", ex);
        }
        await nurse.AssertAccessibleAsync();
        await resident.AssertAccessibleAsync();

        // The resident mutes the microphone and covers the camera: the buttons say so, and the tracks stop sending.
        var mute = resident.GetByRole(AriaRole.Button, new() { Name = "Stäng av mikrofonen" });
        await mute.ClickAsync();
        await Assertions.Expect(mute).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.False(await resident.EvaluateAsync<bool>("() => document.getElementById('vc-local').srcObject.getAudioTracks()[0].enabled"));
        var camera = resident.GetByRole(AriaRole.Button, new() { Name = "Stäng av kameran" });
        await camera.ClickAsync();
        Assert.False(await resident.EvaluateAsync<bool>("() => document.getElementById('vc-local').srcObject.getVideoTracks()[0].enabled"));
        await camera.ClickAsync();
        await mute.ClickAsync();
        Assert.True(await resident.EvaluateAsync<bool>("() => document.getElementById('vc-local').srcObject.getTracks().every(t => t.enabled)"));
        await Assertions.Expect(resident.GetByRole(AriaRole.Link, new() { Name = "Lämna samtalet" })).ToHaveAttributeAsync("href", "/mote");

        await resident.GetByLabel("Meddelande").FillAsync("Hej, jag ser dig nu.");
        await resident.GetByRole(AriaRole.Button, new() { Name = "Skicka" }).ClickAsync();
        await Assertions.Expect(nurse.Locator("#vc-messages")).ToContainTextAsync("Hej, jag ser dig nu.");
        await nurse.GetByLabel("Meddelande").FillAsync("Bra, berätta hur du mår.");
        await nurse.GetByRole(AriaRole.Button, new() { Name = "Skicka" }).ClickAsync();
        await Assertions.Expect(resident.Locator("#vc-messages")).ToContainTextAsync("Bra, berätta hur du mår.");

        await nurse.GetByRole(AriaRole.Button, new() { Name = "Avsluta mötet" }).ClickAsync();
        var ask = nurse.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(ask).ToContainTextAsync("Samtalet bryts för alla");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Ja, avsluta mötet" }).ClickAsync();
        await Assertions.Expect(nurse.GetByText("Mötet avslutades")).ToBeVisibleAsync();
        await Assertions.Expect(resident.GetByText("Mötet avslutades")).ToBeVisibleAsync();
        await Assertions.Expect(resident.Locator("ol.messages")).ToContainTextAsync("Bra, berätta hur du mår.");
        await nurse.AssertAccessibleAsync();
        await resident.AssertAccessibleAsync();

        var status = await server.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Id == new AppointmentId(appointmentId)).Select(a => a.Status).FirstAsync());
        Assert.Equal(AppointmentStatus.Genomford, status);
    }

    private static async Task<JsonElement> MeAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/auth/me");
        return JsonDocument.Parse(await response.TextAsync()).RootElement;
    }

    [GeneratedRegex("^Videobesök ")]
    private static partial Regex VideoVisitRegex();

    [GeneratedRegex("^Släpp in")]
    private static partial Regex LetInRegex();
}
