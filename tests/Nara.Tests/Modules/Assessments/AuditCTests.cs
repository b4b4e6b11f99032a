using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Content;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// AUDIT-C scored as published (Bush et al. 1998: AUDIT's first three items, 0–12) and read by the Swedish
/// population survey's thresholds, which differ by sex (Folkhälsomyndigheten: risky drinking from 5 points for women,
/// from 6 for men); without the person's sex no threshold is applied; an answer to AUDIT-C is read by the person's
/// registered sex.
/// </summary>
public sealed class AuditCTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));

    private static ScaleScore Total(string? sex, params int[] points) =>
        InstrumentScoring.Score(Catalog.Find("audit-c")!, points.Select((p, i) => (p, i)).ToDictionary(x => (x.i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), x => x.p), sex).Scales[0];

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(4, 4, 4, 12)]
    [InlineData(2, 1, 1, 4)]      // 2–4 times a month, 3–4 drinks, less than monthly six or more: 2 + 1 + 1
    [InlineData(3, 1, 1, 5)]
    [InlineData(3, 2, 1, 6)]
    public void The_three_items_are_summed(int often, int many, int six, int total) =>
        Assert.Equal(total, Total(null, often, many, six).Score);

    [Theory]
    [InlineData("kvinna", 4, "lag-risk-kvinna")]
    [InlineData("kvinna", 5, "risk-kvinna")]
    [InlineData("man", 5, "lag-risk-man")]
    [InlineData("man", 6, "risk-man")]
    [InlineData(null, 6, "utan-kon")]
    public void The_threshold_for_risky_drinking_depends_on_sex(string? sex, int total, string band)
    {
        var points = total switch { 4 => new[] { 2, 1, 1 }, 5 => [3, 1, 1], _ => [3, 2, 1] };
        Assert.Equal(band, Total(sex, points).Band!.Id);
    }

    [Fact]
    public void A_missing_item_gives_no_score_and_the_AUDIT_wording_is_the_same()
    {
        var result = InstrumentScoring.Score(Catalog.Find("audit-c")!, new Dictionary<string, int> { ["1"] = 2, ["2"] = 1 }, "kvinna");
        Assert.Null(result.Scales[0].Score);
        var audit = Catalog.Find("audit")!;
        Assert.All(Catalog.Find("audit-c")!.Items, item => Assert.Equal(audit.Items.Single(i => i.Id == item.Id).Text, item.Text));
        Assert.Equal("risk-man", Catalog.Find("audit-c")!.Scales[0].Band("risk-man")!.Id);
    }
}

/// <summary>An answer to AUDIT-C is read by the person's registered sex; the try-out endpoint takes the sex and refuses another word.</summary>
[Collection(SqliteTests.Name)]
public sealed class AuditCApiTests(SqliteApp app)
{
    [Fact]
    public async Task The_same_answers_are_risky_for_a_woman_and_not_for_a_man()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id)).Id.Value, unit.Id.Value);
        foreach (var (sex, band) in new[] { (Sex.Kvinna, "risk-kvinna"), (Sex.Man, "lag-risk-man") })
        {
            var resident = (await app.Data.ResidentAsync(listedAt: unit.Id, sex: sex)).Id.Value;
            var person = await app.ResidentClientAsync(resident);
            var sent = await ReadAsync<JsonElement>(await nurse.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests", new { instrument = "audit-c" }));
            var id = sent.GetProperty("requests")[0].GetProperty("id").GetGuid();
            var answered = await ReadAsync<JsonElement>(await person.PostAsJsonAsync($"/api/instrument-requests/{id}/response",
                new { answers = new Dictionary<string, int> { ["1"] = 3, ["2"] = 1, ["3"] = 1 } }));
            Assert.Equal(band, answered.GetProperty("scales")[0].GetProperty("band").GetString());
        }
        Assert.Equal("risk-man", (await ReadAsync<JsonElement>(await nurse.PostAsJsonAsync("/api/instruments/audit-c/score",
            new { answers = new Dictionary<string, int> { ["1"] = 3, ["2"] = 2, ["3"] = 1 }, sex = "man" }))).GetProperty("scales")[0].GetProperty("band").GetProperty("id").GetString());
        Assert.Equal("sex", await ProblemFieldAsync(await nurse.PostAsJsonAsync("/api/instruments/audit-c/score", new { answers = new Dictionary<string, int>(), sex = "annat" }), HttpStatusCode.BadRequest));
    }
}
