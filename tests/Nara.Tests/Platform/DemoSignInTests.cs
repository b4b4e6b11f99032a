using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>The demo sign-in answers an unknown id the same way whoever it was meant to be, so it cannot be used to find ids.</summary>
[Collection(SqliteTests.Name)]
public sealed class DemoSignInTests(SqliteApp app)
{
    private const string Refused = "Inloggningen gick inte. Kontrollera uppgifterna och försök igen.";

    private async Task<string> ApiRefusalAsync(object body)
    {
        var response = await app.AnonymousClient().PostAsJsonAsync("/api/auth/demo", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Refused, problem.GetProperty("detail").GetString());
        Assert.Equal(Refused, problem.GetProperty("errors").GetProperty("id")[0].GetString());
        // Everything but the trace id, which is each request's own.
        return string.Join("|", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }

    [Fact]
    public async Task An_unknown_resident_and_an_unknown_member_of_staff_get_the_same_answer()
    {
        var unit = await app.Data.UnitAsync();
        var staff = await app.Data.StaffAsync(unit.Id);

        var resident = await ApiRefusalAsync(new { kind = "resident", id = Guid.NewGuid() });
        var member = await ApiRefusalAsync(new { kind = "staff", id = Guid.NewGuid() });
        // A real member of staff with a unit that is not theirs is not told apart either.
        var wrongUnit = await ApiRefusalAsync(new { kind = "staff", id = staff.Id.Value, unitId = Guid.NewGuid() });

        Assert.Equal(resident, member);
        Assert.Equal(resident, wrongUnit);
    }

    [Theory]
    [InlineData("resident")]
    [InlineData("staff")]
    public async Task The_demo_page_shows_the_same_message_for_an_unknown_id(string kind)
    {
        // The page lists a unit's staff, each with a sign-in form (and its antiforgery token).
        var unit = await app.Data.UnitAsync();
        await app.Data.StaffAsync(unit.Id);
        var response = await Forms.PostAsync(app.AnonymousClient(), $"/demo-inloggning?enhet={unit.Id.Value}", "/demo-inloggning",
            [new("kind", kind), new("id", Guid.NewGuid().ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/demo-inloggning?fel={Uri.EscapeDataString(Refused)}", response.Headers.Location?.OriginalString);
    }
}
