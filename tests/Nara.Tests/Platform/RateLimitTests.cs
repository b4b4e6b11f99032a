using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>A host with limits low enough to reach in a test: three sign-ins, two writes and two searches a minute.</summary>
public sealed class LowRateLimitsApp : SqliteApp
{
    protected override void Configure(IDictionary<string, string> settings)
    {
        settings["Nara:RateLimits:SignIn:PermitLimit"] = "3";
        settings["Nara:RateLimits:Writes:PermitLimit"] = "2";
        settings["Nara:RateLimits:Searches:PermitLimit"] = "2";
        foreach (var policy in new[] { "SignIn", "Writes", "Searches" })
        {
            settings[$"Nara:RateLimits:{policy}:WindowSeconds"] = "60";
        }
    }
}

/// <summary>Too many sign-ins, writes or searches in a minute are turned away, per client, with a Swedish answer.</summary>
public sealed class RateLimitTests(LowRateLimitsApp app) : IClassFixture<LowRateLimitsApp>
{
    private static int _address;

    /// <summary>A client address of its own, so that each test counts from zero.</summary>
    private static string NewAddress() => $"192.0.2.{Interlocked.Increment(ref _address)}";

    private HttpClient ClientFrom(string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(TestRemoteAddress.Header, address);
        return client;
    }

    private async Task<HttpClient> SignedInAsync(string kind, Guid id)
    {
        var client = ClientFrom(NewAddress());
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/demo", new { kind, id })).StatusCode);
        return client;
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(60),
            $"Retry-After: {response.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("För många försök", problem.GetProperty("title").GetString());
        Assert.Equal("Vänta en stund och försök igen.", problem.GetProperty("detail").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_fourth_sign_in_in_a_minute_from_one_address_is_turned_away_and_another_address_is_not()
    {
        var unit = await app.Data.UnitAsync();
        await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var address = NewAddress();
        var client = ClientFrom(address);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id = resident.Id.Value })).StatusCode);
        }
        // The form post on the demo page counts against the same limit.
        var page = ClientFrom(address);
        var form = await Forms.PostAsync(page, $"/demo-inloggning?enhet={unit.Id.Value}", "/demo-inloggning", [new("kind", "resident"), new("id", resident.Id.Value.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);

        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id = resident.Id.Value }));
        await AssertTooManyAsync(await Forms.PostAsync(page, $"/demo-inloggning?enhet={unit.Id.Value}", "/demo-inloggning", [new("kind", "resident"), new("id", resident.Id.Value.ToString())]));

        var elsewhere = ClientFrom(NewAddress());
        Assert.Equal(HttpStatusCode.NoContent, (await elsewhere.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id = resident.Id.Value })).StatusCode);
    }

    [Fact]
    public async Task Booking_writes_are_limited_per_signed_in_person_not_per_address()
    {
        var unit = await app.Data.UnitAsync();
        var first = await SignedInAsync("resident", (await app.Data.ResidentAsync(unit.Id)).Id.Value);
        var slots = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            slots.Add((await app.Data.SlotAsync(unit.Id, app.Now.AddDays(3 + i))).Id.Value);
        }

        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync($"/api/booking/slots/{slots[0]}/book", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await first.PostAsync($"/api/booking/appointments/{Guid.NewGuid()}/cancel", null)).StatusCode);
        await AssertTooManyAsync(await first.PostAsJsonAsync($"/api/booking/slots/{slots[1]}/book", new { }));

        // Another resident, even one behind the same address (a shared network), books as usual.
        var second = await SignedInAsync("resident", (await app.Data.ResidentAsync(unit.Id)).Id.Value);
        second.DefaultRequestHeaders.Remove(TestRemoteAddress.Header);
        second.DefaultRequestHeaders.Add(TestRemoteAddress.Header, first.DefaultRequestHeaders.GetValues(TestRemoteAddress.Header).Single());
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsJsonAsync($"/api/booking/slots/{slots[2]}/book", new { })).StatusCode);
    }

    [Fact]
    public async Task Meeting_chat_and_case_replies_count_as_writes()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await SignedInAsync("staff", (await app.Data.StaffAsync(unit.Id)).Id.Value);
        var message = new { text = "Hej" };

        // The cases and meetings do not exist; the limit is counted before the endpoint looks.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await nurse.PostAsJsonAsync($"/api/triage/cases/{Guid.NewGuid()}/messages", message)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await nurse.PostAsJsonAsync($"/api/virtualcare/meetings/{Guid.NewGuid()}/messages", message)).StatusCode);
        await AssertTooManyAsync(await nurse.PostAsJsonAsync($"/api/triage/cases/{Guid.NewGuid()}/messages", message));
        await AssertTooManyAsync(await nurse.PostAsJsonAsync($"/api/virtualcare/meetings/{Guid.NewGuid()}/messages", message));
    }

    [Fact]
    public async Task Patient_searches_are_limited_per_member_of_staff_in_the_API_and_in_FHIR()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await SignedInAsync("staff", (await app.Data.StaffAsync(unit.Id)).Id.Value);
        var colleague = await SignedInAsync("staff", (await app.Data.StaffAsync(unit.Id)).Id.Value);

        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/api/residents?query=Andersson")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nurse.GetAsync("/fhir/Patient?name=Andersson")).StatusCode);
        await AssertTooManyAsync(await nurse.GetAsync("/fhir/Patient?name=Andersson"));
        await AssertTooManyAsync(await nurse.GetAsync("/api/residents?query=Andersson"));

        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/api/residents?query=Andersson")).StatusCode);
        // Reading one resource is not a search.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await nurse.GetAsync($"/fhir/Patient/{Guid.NewGuid()}")).StatusCode);
    }
}
