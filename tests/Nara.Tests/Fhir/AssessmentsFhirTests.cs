using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

/// <summary>
/// Issue 16 over FHIR on both engines: every instrument as a Questionnaire beside the triage questionnaires, an answer as a
/// QuestionnaireResponse with its scores as survey Observations derived from it, a crisis alert as a Flag; home measurements
/// as vital-signs Observations (the blood pressure panel with its components), a partner system's POST of one checked and
/// alerted like one typed in, and a bad one refused naming the element; reads and searches under the access rules.
/// </summary>
public abstract class AssessmentsFhirTests(NaraApp app)
{
    private static async Task<(HttpStatusCode, T)> PostFhirAsync<T>(HttpClient client, string url, string json) where T : Resource
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, FhirJson.ContentType) };
        request.Headers.Accept.ParseAdd(FhirJson.ContentType);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await FhirHttp.ParseAsync<T>(response));
    }

    [Fact]
    public async Task An_instrument_answer_is_a_QuestionnaireResponse_with_score_Observations_and_a_crisis_Flag()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        var person = await app.ResidentClientAsync(resident.Id.Value);

        var (_, phq9) = await staff.GetFhirAsync<Questionnaire>("/fhir/Questionnaire/instrument-phq-9");
        Assert.Equal(9, phq9.Item.Count);
        Assert.True(phq9.Item[8].Required);
        Assert.Equal("3", ((Coding)phq9.Item[0].AnswerOption[3].Value).Code);
        var (_, all) = await staff.GetFhirAsync<Bundle>("/fhir/Questionnaire?_count=100&_total=accurate");
        Assert.Contains(all.Entry, e => e.Resource!.Id == "instrument-gad-7");
        Assert.Contains(all.Entry, e => e.Resource!.Id!.StartsWith("triage-", StringComparison.Ordinal));
        var (_, byUrl) = await staff.GetFhirAsync<Bundle>($"/fhir/Questionnaire?url={Uri.EscapeDataString(phq9.Url!)}");
        Assert.Equal("instrument-phq-9", Assert.Single(byUrl.Entry).Resource!.Id);

        var sent = await (await staff.PostAsJsonAsync($"/api/residents/{resident.Id.Value}/instrument-requests", new { instrument = "phq-9" })).Content.ReadFromJsonAsync<JsonElement>();
        var request = sent.GetProperty("requests")[0].GetProperty("id").GetGuid();
        var answers = Enumerable.Range(1, 9).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), i => i == 9 ? 2 : 1);
        var answered = await (await person.PostAsJsonAsync($"/api/instrument-requests/{request}/response", new { answers })).Content.ReadFromJsonAsync<JsonElement>();
        var responseId = answered.GetProperty("responseId").GetGuid();

        var (_, qr) = await staff.GetFhirAsync<QuestionnaireResponse>($"/fhir/QuestionnaireResponse/{responseId}");
        Assert.Equal($"{phq9.Url}|2001", qr.Questionnaire);
        Assert.Equal("2", Assert.IsType<Coding>(qr.Item.Single(i => i.LinkId == "9").Answer[0].Value).Code);
        var (_, responses) = await staff.GetFhirAsync<Bundle>($"/fhir/QuestionnaireResponse?subject=Patient/{resident.Id.Value}&questionnaire=Questionnaire/instrument-phq-9");
        Assert.Single(responses.Entry);

        var (_, scores) = await staff.GetFhirAsync<Bundle>($"/fhir/Observation?subject=Patient/{resident.Id.Value}&category=survey");
        var score = Assert.IsType<Observation>(Assert.Single(scores.Entry).Resource);
        Assert.Equal(10, Assert.IsType<Integer>(score.Value).Value);
        Assert.Contains(score.Code.Coding, c => c.System == "http://loinc.org" && c.Code == "44261-6");
        Assert.Equal($"QuestionnaireResponse/{responseId}", score.DerivedFrom[0].Reference);
        var (_, read) = await staff.GetFhirAsync<Observation>($"/fhir/Observation/{score.Id}");
        Assert.Equal("Måttliga symtom", read.Interpretation[0].Text);

        var (_, flags) = await staff.GetFhirAsync<Bundle>($"/fhir/Flag?subject=Patient/{resident.Id.Value}&status=active");
        var flag = Assert.IsType<Flag>(Assert.Single(flags.Entry).Resource);
        Assert.Contains("PHQ-9: fråga 9", flag.Code.Text, StringComparison.Ordinal);

        // Another unit's staff is refused; the person sees their own answers but not the team's flags.
        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetFhirAsync<OperationOutcome>($"/fhir/QuestionnaireResponse/{responseId}")).Item1);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetFhirAsync<OperationOutcome>($"/fhir/Observation?subject=Patient/{resident.Id.Value}")).Item1);
        var (_, own) = await person.GetFhirAsync<Bundle>("/fhir/QuestionnaireResponse?questionnaire=Questionnaire/instrument-phq-9");
        Assert.Single(own.Entry);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetFhirAsync<OperationOutcome>($"/fhir/Flag/{flag.Id}")).Item1);
    }

    [Fact]
    public async Task A_partner_posts_a_home_blood_pressure_which_is_checked_alerted_and_read_back_as_a_vital_sign()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        await staff.PutAsJsonAsync($"/api/residents/{resident.Id.Value}/measure-limits/blood-pressure",
            new { limits = new[] { new { component = "systolic", targetHigh = 140.0, alarmHigh = 180.0 } } });
        string Bp(int sys, int dia, string unit = "mm[Hg]") => $$$"""
            {"resourceType":"Observation","status":"final",
             "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
             "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
             "subject":{"reference":"Patient/{{{resident.Id.Value}}}"},
             "effectiveDateTime":"2026-06-15T07:30:00+02:00",
             "component":[
               {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":{{{sys}}},"unit":"{{{unit}}}","system":"http://unitsofmeasure.org","code":"{{{unit}}}"}},
               {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":{{{dia}}},"unit":"{{{unit}}}","system":"http://unitsofmeasure.org","code":"{{{unit}}}"}}]}
            """;

        var (created, observation) = await PostFhirAsync<Observation>(staff, "/fhir/Observation", Bp(184, 96));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("http://hl7.org/fhir/StructureDefinition/bp", observation.Meta!.Profile.Single());
        Assert.Equal(184m, Assert.IsType<Quantity>(observation.Component[0].Value).Value);
        var (_, flags) = await staff.GetFhirAsync<Bundle>($"/fhir/Flag?subject=Patient/{resident.Id.Value}");
        Assert.Contains(flags.Entry, e => e.Resource is Flag { Code.Text: { } text } && text.StartsWith("Blodtryck 184/96", StringComparison.Ordinal));

        var (bad, outcome) = await PostFhirAsync<OperationOutcome>(staff, "/fhir/Observation", Bp(400, 20));
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("inte ett möjligt värde", FhirHttp.Issue(outcome).Diagnostics, StringComparison.Ordinal);
        var (wrongUnit, _) = await PostFhirAsync<OperationOutcome>(staff, "/fhir/Observation", Bp(140, 90, "kg"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongUnit);

        var (_, vitals) = await staff.GetFhirAsync<Bundle>($"/fhir/Observation?subject=Patient/{resident.Id.Value}&category=vital-signs&code=85354-9&_total=accurate");
        Assert.Equal(1, vitals.Total);
        var (_, none) = await staff.GetFhirAsync<Bundle>($"/fhir/Observation?subject=Patient/{resident.Id.Value}&code=29463-7&_total=accurate");
        Assert.Equal(0, none.Total);
    }
}

[Collection(SqliteTests.Name)]
public sealed class AssessmentsFhirTestsOnSqlite(SqliteApp app) : AssessmentsFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class AssessmentsFhirTestsOnPostgres(PostgresApp app) : AssessmentsFhirTests(app);
