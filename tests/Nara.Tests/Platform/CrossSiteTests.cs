using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// A page on another site that posts a form to Nära gets the resident's cookie sent along (a top-level form post under
/// SameSite=Lax). Such a request is refused before it reaches the endpoint; the site's own pages and machine clients pass.
/// </summary>
[Collection(SqliteTests.Name)]
public sealed class CrossSiteTests(SqliteApp app)
{
    private async Task<(HttpClient Client, Guid Appointment)> BookedResidentAsync()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var slot = await app.Data.SlotAsync(unit.Id, app.Now.AddDays(5));
        return (client, await TestData.BookAsync(client, slot));
    }

    private static HttpRequestMessage FormPost(string path, string? origin, string? fetchSite = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([]) };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
        return request;
    }

    private Task<AppointmentStatus> StatusAsync(Guid appointment) =>
        app.Data.WithDbAsync(db => db.Set<Appointment>().AsNoTracking().Where(a => a.Id == new AppointmentId(appointment)).Select(a => a.Status).SingleAsync());

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Åtkomst nekad", problem.GetProperty("title").GetString());
        Assert.Equal("Begäran kom från en annan webbplats och har stoppats.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("https://angripare.example", null)]
    [InlineData("http://localhost:8080", null)]
    [InlineData("https://localhost", null)]
    [InlineData("null", null)]
    [InlineData(null, "cross-site")]
    [InlineData(null, "same-site")]
    public async Task A_form_post_from_another_site_does_not_cancel_the_residents_booking(string? origin, string? fetchSite)
    {
        var (client, appointment) = await BookedResidentAsync();

        await AssertRefusedAsync(await client.SendAsync(FormPost($"/api/booking/appointments/{appointment}/cancel", origin, fetchSite)));

        Assert.Equal(AppointmentStatus.Bokad, await StatusAsync(appointment));
    }

    [Fact]
    public async Task A_form_post_from_another_site_does_not_sign_the_resident_out()
    {
        var (client, _) = await BookedResidentAsync();

        await AssertRefusedAsync(await client.SendAsync(FormPost("/logga-ut", "https://angripare.example")));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task The_sites_own_pages_may_cancel_and_sign_out()
    {
        var (client, appointment) = await BookedResidentAsync();

        var cancelled = await client.SendAsync(FormPost($"/api/booking/appointments/{appointment}/cancel", "http://localhost", "same-origin"));
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.Equal(AppointmentStatus.Avbokad, await StatusAsync(appointment));

        var signedOut = await client.SendAsync(FormPost("/logga-ut", "http://localhost"));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_client_that_says_nothing_of_where_it_comes_from_passes()
    {
        // A script or an older browser sends neither Origin nor Sec-Fetch-Site.
        var (client, appointment) = await BookedResidentAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(FormPost($"/api/booking/appointments/{appointment}/cancel", null))).StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_cookie_is_not_a_cross_site_forgery()
    {
        // Without a cookie there is no one's session to misuse: the endpoint answers as it would anyway (here, sign in first).
        var response = await app.AnonymousClient().SendAsync(FormPost($"/api/booking/appointments/{Guid.NewGuid()}/cancel", "https://angripare.example"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Reading_is_not_affected()
    {
        var (client, _) = await BookedResidentAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Origin", "https://angripare.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
