using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Features;
using Nara.Platform.Content;
using Nara.Tests.Fhir;
using Nara.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// EQ-5D-5L as the EuroQol user guide reports it: the five levels as a five-digit profile in the dimensions' order (9 for
/// a dimension not answered), and the EQ VAS as given, 0–100; no sum of the levels and no index.
/// </summary>
public sealed class Eq5d5lTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));

    private static readonly Nara.Modules.Assessments.Domain.Instrument Eq = Catalog.Find("eq-5d-5l")!;

    private static Dictionary<string, int> Answers(string profile, int? vas)
    {
        var answers = profile.Select((level, i) => (Item: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Level: level))
            .Where(x => x.Level != '9').ToDictionary(x => x.Item, x => x.Level - '0');
        if (vas is { } v)
        {
            answers["6"] = v;
        }
        return answers;
    }

    [Theory]
    [InlineData("11111", 100)] // full health (the user guide's 11111) and the best health one can imagine
    [InlineData("21321", 72)]  // the user guide's worked example of a profile
    [InlineData("55555", 0)]   // the most severe level in every dimension, the worst health one can imagine
    [InlineData("12345", 50)]
    public void The_profile_is_the_levels_in_order_and_the_VAS_is_the_number_given(string profile, int vas)
    {
        var result = InstrumentScoring.Score(Eq, Answers(profile, vas));
        Assert.Equal(["vas", "profile"], result.Scales.Select(s => s.Scale));
        Assert.Equal((vas, "vas"), (result.Scales[0].Score!.Value, result.Scales[0].Band!.Id));
        Assert.Equal((profile, (int?)null, 0), (result.Scales[1].Profile, result.Scales[1].Score, result.Scales[1].Missing));
    }

    [Fact]
    public void A_dimension_not_answered_is_9_in_the_profile_and_a_VAS_not_given_has_no_score()
    {
        var result = InstrumentScoring.Score(Eq, Answers("19111", null));
        Assert.Equal(("19111", 1), (result.Scales[1].Profile, result.Scales[1].Missing));
        Assert.Null(result.Scales[0].Score);
        Assert.Equal(["1", "2", "3", "4", "5", "6"], AnswerInstrument.Required(Eq));
    }

    [Theory]
    [InlineData("6", 101)]
    [InlineData("6", -1)]
    [InlineData("1", 6)]
    [InlineData("5", 0)]
    public void A_VAS_outside_0_to_100_or_a_level_outside_1_to_5_is_refused_naming_the_item(string item, int answer)
    {
        var answers = Answers("11111", 80);
        answers[item] = answer;
        Assert.Equal(item, Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(Eq, answers)).Item);
    }

    [Fact]
    public void The_VAS_is_a_number_item_and_the_profile_has_no_bands()
    {
        var vas = Eq.Items.Single(i => i.Id == "6");
        Assert.Equal((0, 100), (vas.Number!.Min, vas.Number.Max));
        Assert.Empty(vas.Options);
        Assert.True(Eq.Scales[1].Profile);
        Assert.Empty(Eq.Scales[1].Bands);
        Assert.Equal((0, 100), (Eq.Scales[0].Bands[0].From, Eq.Scales[0].Bands[^1].To));
    }
}

/// <summary>
/// EQ-5D-5L sent and answered through the API on both engines: a VAS left out or out of range is a 400 naming it with
/// nothing kept; the answer keeps the VAS as its score and the profile beside it, in the person's list, and over FHIR as an
/// integer answer, a VAS Observation and a profile Observation with a string value.
/// </summary>
public abstract class Eq5d5lApiTests(NaraApp app)
{
    [Fact]
    public async Task The_VAS_is_checked_and_the_answer_keeps_the_VAS_and_the_profile_in_the_record_and_over_FHIR()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id)).Id.Value, unit.Id.Value);
        var resident = (await app.Data.ResidentAsync(listedAt: unit.Id)).Id.Value;
        var person = await app.ResidentClientAsync(resident);
        var sent = await ReadAsync<JsonElement>(await nurse.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests", new { instrument = "eq-5d-5l" }));
        var path = $"/api/instrument-requests/{sent.GetProperty("requests")[0].GetProperty("id").GetGuid()}/response";
        var answers = new Dictionary<string, int> { ["1"] = 2, ["2"] = 1, ["3"] = 3, ["4"] = 2, ["5"] = 1 };
        Assert.Equal("answers.6", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { answers }), HttpStatusCode.BadRequest));
        answers["6"] = 150;
        Assert.Equal("answers.6", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { answers }), HttpStatusCode.BadRequest));
        answers["6"] = 72;
        var scored = await ReadAsync<JsonElement>(await person.PostAsJsonAsync(path, new { answers }));
        Assert.Equal(72, scored.GetProperty("scales")[0].GetProperty("score").GetInt32());
        Assert.Equal("21321", scored.GetProperty("scales")[1].GetProperty("profile").GetString());
        var responseId = scored.GetProperty("responseId").GetGuid();

        var mine = await ReadAsync<JsonElement>(await person.GetAsync($"/api/residents/{resident}/assessments"));
        var kept = mine.GetProperty("responses").EnumerateArray().Single(r => r.GetProperty("instrument").GetString() == "eq-5d-5l");
        Assert.Equal((72, "21321"), (kept.GetProperty("score").GetInt32(), kept.GetProperty("profile").GetString()));

        var (_, questionnaire) = await nurse.GetFhirAsync<Questionnaire>("/fhir/Questionnaire/instrument-eq-5d-5l");
        var vasItem = questionnaire.Item.Single(i => i.LinkId == "6");
        Assert.Equal(Questionnaire.QuestionnaireItemType.Integer, vasItem.Type);
        Assert.Equal(100, Assert.IsType<Integer>(vasItem.GetExtension("http://hl7.org/fhir/StructureDefinition/maxValue")!.Value).Value);
        var (_, qr) = await nurse.GetFhirAsync<QuestionnaireResponse>($"/fhir/QuestionnaireResponse/{responseId}");
        Assert.Equal(72, Assert.IsType<Integer>(qr.Item.Single(i => i.LinkId == "6").Answer[0].Value).Value);
        Assert.Equal("2", Assert.IsType<Coding>(qr.Item.Single(i => i.LinkId == "1").Answer[0].Value).Code);
        var (_, scores) = await nurse.GetFhirAsync<Bundle>($"/fhir/Observation?subject=Patient/{resident}&category=survey");
        var observations = scores.Entry.Select(e => Assert.IsType<Observation>(e.Resource)).ToList();
        Assert.Equal(72, Assert.IsType<Integer>(observations.Single(o => o.Id!.EndsWith("-vas", StringComparison.Ordinal)).Value).Value);
        Assert.Equal("21321", Assert.IsType<FhirString>(observations.Single(o => o.Id!.EndsWith("-profile", StringComparison.Ordinal)).Value).Value);
    }
}

[Collection(SqliteTests.Name)]
public sealed class Eq5d5lApiTestsOnSqlite(SqliteApp app) : Eq5d5lApiTests(app);

[Collection(PostgresTests.Name)]
public sealed class Eq5d5lApiTestsOnPostgres(PostgresApp app) : Eq5d5lApiTests(app);
