using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nara.Modules.Assessments;
using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Features;
using Nara.Platform.Content;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// MNA-SF scored as published (Kaiser et al. 2009): A–E and either F1 (BMI, 0–3) or F2 (calf circumference, 0 or 3),
/// 0–14, read as malnourished (0–7), at risk (8–11) or normal (12–14); F1 and F2 are alternatives (the form: F2 only when
/// F1 cannot be answered, so with both, F1 counts); without either, no score.
/// </summary>
public sealed class MnaSfTests
{
    private static readonly InstrumentCatalog Catalog = InstrumentCatalog.Load(ContentFolder.Find(null, "instruments"));

    private static readonly Nara.Modules.Assessments.Domain.Instrument Mna = Catalog.Find("mna-sf")!;

    private static Dictionary<string, int> Answers(int a, int b, int c, int d, int e, int? f1, int? f2)
    {
        var answers = new Dictionary<string, int> { ["A"] = a, ["B"] = b, ["C"] = c, ["D"] = d, ["E"] = e };
        if (f1 is { } bmi)
        {
            answers["F1"] = bmi;
        }
        if (f2 is { } calf)
        {
            answers["F2"] = calf;
        }
        return answers;
    }

    [Theory]
    [InlineData(2, 3, 2, 2, 2, 3, null, 14, "normal")]
    [InlineData(2, 2, 2, 2, 2, 2, null, 12, "normal")]      // the lowest normal score
    [InlineData(2, 3, 2, 2, 2, null, 0, 11, "at-risk")]     // F2 instead of F1: 2 + 3 + 2 + 2 + 2 + 0
    [InlineData(1, 1, 2, 2, 2, 2, null, 10, "at-risk")]     // moderate decrease, does not know the weight, BMI 21–23
    [InlineData(1, 1, 2, 2, 2, 0, null, 8, "at-risk")]      // the lowest at risk
    [InlineData(1, 1, 2, 0, 2, 1, null, 7, "malnourished")] // the highest malnourished
    [InlineData(0, 0, 0, 0, 0, null, 0, 0, "malnourished")]
    [InlineData(2, 3, 2, 2, 2, null, 3, 14, "normal")]
    public void The_screening_score_is_the_sum_with_one_of_BMI_or_calf(int a, int b, int c, int d, int e, int? f1, int? f2, int score, string band)
    {
        var total = InstrumentScoring.Score(Mna, Answers(a, b, c, d, e, f1, f2)).Scales[0];
        Assert.Equal((score, band), (total.Score!.Value, total.Band!.Id));
    }

    [Fact]
    public void With_both_BMI_and_calf_the_BMI_counts_and_with_neither_there_is_no_score()
    {
        Assert.Equal(12, InstrumentScoring.Score(Mna, Answers(2, 3, 2, 2, 2, 1, 3)).Scales[0].Score);
        Assert.Null(InstrumentScoring.Score(Mna, Answers(2, 3, 2, 2, 2, null, null)).Scales[0].Score);
        Assert.Throws<InvalidAnswerException>(() => InstrumentScoring.Score(Mna, Answers(2, 3, 2, 1, 2, 3, null)));
        Assert.Equal(["A", "B", "C", "D", "E"], AnswerInstrument.Required(Mna));
        Assert.Equal((0, 14), (Mna.Scales[0].Bands[0].From, Mna.Scales[0].Bands[^1].To));
    }
}

/// <summary>An MNA-SF answer without F1 or F2 is a 400 naming F1 with nothing kept; with F2 alone it is scored.</summary>
[Collection(SqliteTests.Name)]
public sealed class MnaSfApiTests(SqliteApp app)
{
    [Fact]
    public async Task Neither_BMI_nor_calf_is_named_and_the_calf_alone_is_scored()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id)).Id.Value, unit.Id.Value);
        var resident = (await app.Data.ResidentAsync(listedAt: unit.Id)).Id.Value;
        var person = await app.ResidentClientAsync(resident);
        var sent = await ReadAsync<JsonElement>(await nurse.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests", new { instrument = "mna-sf" }));
        var path = $"/api/instrument-requests/{sent.GetProperty("requests")[0].GetProperty("id").GetGuid()}/response";
        var answers = new Dictionary<string, int> { ["A"] = 1, ["B"] = 2, ["C"] = 2, ["D"] = 2, ["E"] = 2 };
        Assert.Equal("answers.F1", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { answers }), HttpStatusCode.BadRequest));
        answers["F2"] = 0;
        var scored = await ReadAsync<JsonElement>(await person.PostAsJsonAsync(path, new { answers }));
        Assert.Equal((9, "at-risk"), (scored.GetProperty("scales")[0].GetProperty("score").GetInt32(), scored.GetProperty("scales")[0].GetProperty("band").GetString()));
    }
}
