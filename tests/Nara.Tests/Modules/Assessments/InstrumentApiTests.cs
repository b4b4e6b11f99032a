using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Assessments;

/// <summary>The instruments over the API: read by anyone signed in, scored without keeping anything, a wrong answer a 400 naming the item.</summary>
[Collection(SqliteTests.Name)]
public sealed class InstrumentApiTests(SqliteApp app)
{
    [Fact]
    public async Task A_signed_in_user_reads_the_instruments_and_scores_answers_and_a_wrong_answer_is_named()
    {
        var unit = await app.Data.UnitAsync();
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id)).Id.Value, unit.Id.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/instruments")).StatusCode);

        var list = await staff.GetFromJsonAsync<JsonElement>("/api/instruments");
        Assert.Contains(list.EnumerateArray(), i => i.GetProperty("id").GetString() == "phq-9" && i.GetProperty("items").GetInt32() == 9);
        var phq9 = await staff.GetFromJsonAsync<JsonElement>("/api/instruments/phq-9");
        Assert.Equal("Nästan varje dag", phq9.GetProperty("items")[0].GetProperty("options")[3].GetProperty("text").GetProperty("sv").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/instruments/finns-inte")).StatusCode);

        var person = await app.ResidentClientAsync((await app.Data.ResidentAsync(listedAt: unit.Id)).Id.Value);
        var answers = Enumerable.Range(1, 9).ToDictionary(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture), i => i == 9 ? 1 : 2);
        var scored = await (await person.PostAsJsonAsync("/api/instruments/phq-9/score", new { answers })).Content.ReadFromJsonAsync<JsonElement>();
        var total = scored.GetProperty("scales")[0];
        Assert.Equal(17, total.GetProperty("score").GetInt32());
        Assert.Equal("moderately-severe", total.GetProperty("band").GetProperty("id").GetString());
        Assert.Equal("crisis", scored.GetProperty("alerts")[0].GetProperty("kind").GetString());

        var wrong = await person.PostAsJsonAsync("/api/instruments/phq-9/score", new { answers = new Dictionary<string, int> { ["4"] = 7 } });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("answers.4", out _));
    }
}
