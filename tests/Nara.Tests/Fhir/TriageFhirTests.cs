using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Tests.Infrastructure;
using AuditEvent = Nara.Platform.Access.AuditEvent;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

/// <summary>En väg in over FHIR: the questions as Questionnaire, the assessment as QuestionnaireResponse and the case as Task, under the access rules.</summary>
public abstract class TriageFhirTests(NaraApp app)
{
    private const string OutcomeUrl = "https://nara.se/fhir/StructureDefinition/triage-outcome";
    private const string DontKnowUrl = "https://nara.se/fhir/StructureDefinition/triage-dont-know-answer";
    private const string UnitOptionUrl = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";

    // A resident listed at a new unit answers chest pain without red flags (VardInomDagar) and sends it to the unit.
    private async Task<(Guid Unit, Guid Resident, Guid Assessment, Guid Case, HttpClient Client)> SentCaseAsync()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1968, 2, 2));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var start = await (await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = start.GetProperty("id").GetGuid();
        foreach (var (q, v) in new[] { ("kallsvett", "nej"), ("tryckande_15min", "vet_inte") })
        {
            (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q, value = v })).EnsureSuccessStatusCode();
        }
        // "vet inte" on a red flag counts as yes: change it to no and finish the path instead.
        foreach (var (q, v) in new[] { ("tryckande_15min", "nej"), ("andnod", "nej"), ("svimning", "nej"), ("utstralning", "nej"), ("anstrangning", "nej"), ("kand_hjartsjukdom", "nej"), ("debut", "dagar"), ("rorelse", "ja"), ("muskel", "nej") })
        {
            (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q, value = v })).EnsureSuccessStatusCode();
        }
        var sent = await (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/send", new { message = "Ont sedan flytten." })).Content.ReadFromJsonAsync<JsonElement>();
        return (unit.Id.Value, resident.Id.Value, id, sent.GetProperty("caseId").GetGuid(), client);
    }

    [Fact]
    public async Task The_resident_reads_their_assessment_as_a_questionnaire_response_with_typed_answers_and_the_outcome()
    {
        var (_, resident, assessment, _, client) = await SentCaseAsync();

        var (status, response) = await client.GetFhirAsync<QuestionnaireResponse>($"/fhir/QuestionnaireResponse/{assessment}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, response.Status);
        Assert.Equal($"Patient/{resident:D}", response.Subject!.Reference);
        Assert.StartsWith("https://nara.se/fhir/Questionnaire/triage-brostsmarta|", response.Questionnaire, StringComparison.Ordinal);
        Assert.Equal(10, response.Item.Count);
        Assert.False(Assert.IsType<FhirBoolean>(response.Item.Single(i => i.LinkId == "kallsvett").Answer[0].Value).Value);
        var debut = Assert.IsType<Coding>(response.Item.Single(i => i.LinkId == "debut").Answer[0].Value);
        Assert.Equal("dagar", debut.Code);
        Assert.Equal("För några dagar sedan", debut.Display);
        var outcome = Assert.Single(response.Extension, e => e.Url == OutcomeUrl);
        Assert.Equal("VardInomDagar", Assert.IsType<Coding>(outcome.GetExtension("urgency")!.Value).Code);
    }

    [Fact]
    public async Task A_resident_searching_their_tasks_is_audited_as_reading_their_own_and_the_nurse_by_care_relationship()
    {
        var (unit, resident, _, caseId, client) = await SentCaseAsync();
        var (status, own) = await client.GetFhirAsync<Bundle>("/fhir/Task");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(own.Entry, e => e.Resource!.Id == caseId.ToString("D"));
        var nurse = await app.Data.StaffAsync(new Nara.Platform.Identifiers.UnitId(unit));
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetFhirAsync<Bundle>($"/fhir/Task?patient=Patient/{resident}")).Status);

        var searches = await app.Data.WithDbAsync(db => db.Set<AuditEvent>()
            .Where(e => e.ResidentId == new Nara.Platform.Identifiers.ResidentId(resident) && e.Resource == "FHIR Task (En väg in)" && e.Action == Nara.Platform.Access.AuditAction.Search)
            .ToListAsync());
        Assert.Equal(Nara.Platform.Access.AccessBasis.Self, Assert.Single(searches, e => e.ActorId == resident).Basis);
        Assert.Equal(Nara.Platform.Access.AccessBasis.CareRelationship, Assert.Single(searches, e => e.ActorId == nurse.Id.Value).Basis);
    }

    [Fact]
    public async Task The_case_is_a_task_owned_by_the_unit_and_staff_there_read_both_while_other_units_are_refused()
    {
        var (unit, resident, assessment, caseId, _) = await SentCaseAsync();
        var nurse = await app.Data.StaffAsync(new Nara.Platform.Identifiers.UnitId(unit));
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit);

        var (status, task) = await staff.GetFhirAsync<Hl7.Fhir.Model.Task>($"/fhir/Task/{caseId}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Requested, task.Status);
        Assert.Equal(RequestPriority.Routine, task.Priority);
        Assert.Equal($"Organization/{unit:D}", task.Owner!.Reference);
        Assert.Equal($"Patient/{resident:D}", task.For!.Reference);
        Assert.Equal($"QuestionnaireResponse/{assessment:D}", task.Focus!.Reference);
        Assert.Equal("Ont sedan flytten.", task.Note.Single().Text);
        var (qrStatus, _) = await staff.GetFhirAsync<QuestionnaireResponse>($"/fhir/QuestionnaireResponse/{assessment}");
        Assert.Equal(HttpStatusCode.OK, qrStatus);
        var (searchStatus, bundle) = await staff.GetFhirAsync<Bundle>($"/fhir/Task?owner=Organization/{unit}&status=requested");
        Assert.Equal(HttpStatusCode.OK, searchStatus);
        Assert.Equal(caseId.ToString("D"), Assert.Single(bundle.Entry).Resource!.Id);

        var other = await app.Data.UnitAsync();
        var outsider = await app.Data.StaffAsync(other.Id);
        var outsiderClient = await app.StaffClientAsync(outsider.Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsiderClient.GetFhirAsync<OperationOutcome>($"/fhir/Task/{caseId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsiderClient.GetFhirAsync<OperationOutcome>($"/fhir/QuestionnaireResponse/{assessment}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsiderClient.GetFhirAsync<OperationOutcome>($"/fhir/Task?owner=Organization/{unit}")).Status);

        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == new Nara.Platform.Identifiers.ResidentId(resident)).ToListAsync());
        Assert.Contains(audit, e => e.Resource == "FHIR Task (En väg in)" && e.ActorId == nurse.Id.Value && e.Outcome == Nara.Platform.Access.AuditOutcome.Allowed);
        Assert.Contains(audit, e => e.Resource == "FHIR QuestionnaireResponse" && e.ActorId == outsider.Id.Value && e.Outcome == Nara.Platform.Access.AuditOutcome.Denied);
    }

    [Fact]
    public async Task Searching_questionnaire_responses_shows_only_what_the_caller_may_see()
    {
        var (_, resident, assessment, _, client) = await SentCaseAsync();
        var (status, own) = await client.GetFhirAsync<Bundle>("/fhir/QuestionnaireResponse?status=completed");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(own.Entry, e => e.Resource!.Id == assessment.ToString("D"));

        var (_, stranger, _, _, strangerClient) = await SentCaseAsync();
        Assert.NotEqual(resident, stranger);
        Assert.Equal(HttpStatusCode.Forbidden, (await strangerClient.GetFhirAsync<OperationOutcome>($"/fhir/QuestionnaireResponse?subject=Patient/{resident}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetFhirAsync<OperationOutcome>("/fhir/QuestionnaireResponse?status=done")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetFhirAsync<OperationOutcome>("/fhir/QuestionnaireResponse/inte-ett-id")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetFhirAsync<OperationOutcome>($"/fhir/Task/{Guid.NewGuid()}")).Status);
    }

    // An adult answers fever without warning signs (Egenvard): the path has two number questions.
    private async Task<(Guid Assessment, HttpClient Client)> FeverAssessmentAsync()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1971, 5, 5));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var start = await (await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "feber-vuxen" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = start.GetProperty("id").GetGuid();
        // Answer whatever is asked: the numbers given, "nej" to the rest, until the result.
        var numbers = new Dictionary<string, string> { ["temperatur"] = "38.5", ["dagar"] = "2" };
        var view = start;
        for (var i = 0; i < 30 && view.TryGetProperty("question", out var question) && question.ValueKind == JsonValueKind.Object; i++)
        {
            var q = question.GetProperty("id").GetString()!;
            var response = await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q, value = numbers.GetValueOrDefault(q, "nej") });
            response.EnsureSuccessStatusCode();
            view = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        return (id, client);
    }

    // The point of the Questionnaire: from a response's canonical to the questions and options behind every answer.
    private static async Task<Questionnaire> ResolveAsync(HttpClient client, Guid assessment)
    {
        var (_, response) = await client.GetFhirAsync<QuestionnaireResponse>($"/fhir/QuestionnaireResponse/{assessment}");
        Assert.Equal(QuestionnaireResponse.QuestionnaireResponseStatus.Completed, response.Status);
        var (status, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/Questionnaire?url={Uri.EscapeDataString(response.Questionnaire!)}&_total=accurate");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, bundle.Total);
        var questionnaire = Assert.IsType<Questionnaire>(Assert.Single(bundle.Entry).Resource);
        Assert.Equal(response.Questionnaire, $"{questionnaire.Url}|{questionnaire.Version}");
        var (readStatus, read) = await client.GetFhirAsync<Questionnaire>($"/fhir/Questionnaire/{questionnaire.Id}");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(questionnaire.Url, read.Url);
        Assert.Equal(questionnaire.Item.Select(i => i.LinkId), read.Item.Select(i => i.LinkId));

        Assert.NotEmpty(response.Item);
        foreach (var answered in response.Item)
        {
            var item = Assert.Single(questionnaire.Item, i => i.LinkId == answered.LinkId);
            Assert.Equal(item.Text, answered.Text);
            var value = Assert.Single(answered.Answer).Value;
            switch (item.Type)
            {
                case Questionnaire.QuestionnaireItemType.Boolean when value is Coding dontKnow:
                    var declared = Assert.IsType<Coding>(Assert.Single(item.Extension, e => e.Url == DontKnowUrl).Value);
                    Assert.Equal((declared.System, declared.Code), (dontKnow.System, dontKnow.Code));
                    break;
                case Questionnaire.QuestionnaireItemType.Boolean:
                    Assert.IsType<FhirBoolean>(value);
                    break;
                case Questionnaire.QuestionnaireItemType.Choice:
                    var coding = Assert.IsType<Coding>(value);
                    Assert.Contains(item.AnswerOption, o => o.Value is Coding c && c.System == coding.System && c.Code == coding.Code && c.Display == coding.Display);
                    break;
                case Questionnaire.QuestionnaireItemType.Quantity when value is Coding unknown:
                    var offered = Assert.IsType<Coding>(Assert.Single(item.Extension, e => e.Url == DontKnowUrl).Value);
                    Assert.Equal((offered.System, offered.Code), (unknown.System, unknown.Code));
                    break;
                case Questionnaire.QuestionnaireItemType.Quantity:
                    var quantity = Assert.IsType<Quantity>(value);
                    var unit = Assert.IsType<Coding>(Assert.Single(item.Extension, e => e.Url == UnitOptionUrl).Value);
                    Assert.Equal(unit.Display, quantity.Unit);
                    // Durations are in days, a UCUM unit, and say so; other units are Swedish display text and must not claim a code.
                    Assert.Equal(unit.System, quantity.System);
                    Assert.Equal(unit.Code, quantity.Code);
                    break;
                default:
                    Assert.Fail($"{answered.LinkId}: unexpected item type {item.Type}");
                    break;
            }
        }
        return questionnaire;
    }

    [Fact]
    public async Task The_questionnaire_a_completed_response_points_to_resolves_and_has_every_answered_item_and_option()
    {
        var (_, _, chestPain, _, client) = await SentCaseAsync();
        var questionnaire = await ResolveAsync(client, chestPain);

        Assert.Equal("triage-brostsmarta", questionnaire.Id);
        Assert.Equal("https://nara.se/fhir/Questionnaire/triage-brostsmarta", questionnaire.Url);
        Assert.Equal("TriageBrostsmarta", questionnaire.Name);
        Assert.Equal(PublicationStatus.Active, questionnaire.Status);
        Assert.Equal("sv", questionnaire.Language);
        Assert.Equal(ResourceType.Patient, Assert.Single(questionnaire.SubjectType));
        var debut = Assert.Single(questionnaire.Item, i => i.LinkId == "debut");
        Assert.Equal(Questionnaire.QuestionnaireItemType.Choice, debut.Type);
        Assert.True(debut.AnswerOption.Count >= 2);

        var (fever, feverClient) = await FeverAssessmentAsync();
        var feverQuestionnaire = await ResolveAsync(feverClient, fever);
        // The shared question the fever rules use is asked, so it is an item.
        Assert.Contains(feverQuestionnaire.Item, i => i.LinkId == "nedsatt_immunforsvar" && i.Type == Questionnaire.QuestionnaireItemType.Boolean);
    }

    [Fact]
    public async Task A_number_question_carries_its_unit_and_range_and_yes_no_questions_offer_vet_inte()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var (status, questionnaire) = await staff.GetFhirAsync<Questionnaire>("/fhir/Questionnaire/triage-feber-vuxen");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Feber (vuxen)", questionnaire.Title);
        var temperature = Assert.Single(questionnaire.Item, i => i.LinkId == "temperatur");
        Assert.Equal("Hur hög är febern?", temperature.Text);
        Assert.Equal(Questionnaire.QuestionnaireItemType.Quantity, temperature.Type);
        Assert.Equal("°C", Assert.IsType<Coding>(temperature.GetExtension(UnitOptionUrl)!.Value).Display);
        Assert.Equal(35m, Assert.IsType<FhirDecimal>(temperature.GetExtension("http://hl7.org/fhir/StructureDefinition/minValue")!.Value).Value);
        Assert.Equal(43m, Assert.IsType<FhirDecimal>(temperature.GetExtension("http://hl7.org/fhir/StructureDefinition/maxValue")!.Value).Value);
        var redFlag = Assert.Single(questionnaire.Item, i => i.LinkId == "forvirrad");
        Assert.Equal(Questionnaire.QuestionnaireItemType.Boolean, redFlag.Type);
        Assert.Equal("vet_inte", Assert.IsType<Coding>(redFlag.GetExtension(DontKnowUrl)!.Value).Code);
        Assert.Empty(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ActorId == nurse.Id.Value).ToListAsync()));
    }

    [Fact]
    public async Task Questionnaires_are_searched_by_title_and_url_and_paged_and_errors_are_operation_outcomes()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1980, 3, 3));
        var client = await app.ResidentClientAsync(resident.Id.Value);

        var (status, all) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?title=FEBER&status=active&_total=accurate");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(all.Total >= 2, $"expected several fever questionnaires, got {all.Total}");
        var ids = all.Entry.Select(e => e.Resource!.Id).ToList();
        Assert.Contains("triage-feber-vuxen", ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(all.Entry, e => Assert.Contains("feber", ((Questionnaire)e.Resource!).Title, StringComparison.OrdinalIgnoreCase));

        var (_, first) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?title=feber&_count=1&_total=accurate");
        Assert.Equal(all.Total, first.Total);
        Assert.Equal(ids[0], Assert.Single(first.Entry).Resource!.Id);
        Assert.Contains(first.Link, l => l.Relation == "next");
        var (_, second) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?title=feber&_count=1&_offset=1");
        Assert.Equal(ids[1], Assert.Single(second.Entry).Resource!.Id);

        var (_, byName) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?name=feberVuxen");
        Assert.Equal("triage-feber-vuxen", Assert.Single(byName.Entry).Resource!.Id);
        var (_, everything) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?_count=0");
        Assert.True(everything.Total > all.Total);
        Assert.Empty(everything.Entry);
        var (_, retired) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?status=retired&_total=accurate");
        Assert.Equal(0, retired.Total);
        var (_, oldVersion) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?url=" + Uri.EscapeDataString("https://nara.se/fhir/Questionnaire/triage-feber-vuxen|000000000000") + "&_total=accurate");
        Assert.Equal(0, oldVersion.Total);
        var (_, withoutVersion) = await client.GetFhirAsync<Bundle>("/fhir/Questionnaire?url=https://nara.se/fhir/Questionnaire/triage-feber-vuxen");
        Assert.Equal("triage-feber-vuxen", Assert.Single(withoutVersion.Entry).Resource!.Id);

        var (notFound, missing) = await client.GetFhirAsync<OperationOutcome>("/fhir/Questionnaire/triage-finns-inte");
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal(OperationOutcome.IssueType.NotFound, FhirHttp.Issue(missing).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetFhirAsync<OperationOutcome>("/fhir/Questionnaire/feber-vuxen")).Status);
        var (badStatus, bad) = await client.GetFhirAsync<OperationOutcome>("/fhir/Questionnaire?subject=Patient/x");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("subject", Assert.Single(FhirHttp.Issue(bad).Expression));
        var (badValueStatus, badValue) = await client.GetFhirAsync<OperationOutcome>("/fhir/Questionnaire?status=published");
        Assert.Equal(HttpStatusCode.BadRequest, badValueStatus);
        Assert.Equal("status", Assert.Single(FhirHttp.Issue(badValue).Expression));

        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetFhirAsync<OperationOutcome>("/fhir/Questionnaire/triage-feber-vuxen")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetFhirAsync<OperationOutcome>("/fhir/Questionnaire?title=feber")).Status);
    }

    [Fact]
    public async Task The_capability_statement_lists_the_triage_resources()
    {
        var (_, capability) = await app.AnonymousClient().GetFhirAsync<CapabilityStatement>("/fhir/metadata");
        var resources = capability.Rest.Single().Resource;
        var questionnaire = Assert.Single(resources, r => r.Type == "Questionnaire");
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], questionnaire.Interaction.Select(i => i.Code!.Value));
        Assert.Equal(["url", "name", "title", "status"], questionnaire.SearchParam.Select(p => p.Name));
        Assert.Equal(SearchParamType.Uri, questionnaire.SearchParam[0].Type);
        var qr = Assert.Single(resources, r => r.Type == "QuestionnaireResponse");
        Assert.Contains(qr.SearchParam, p => p.Name == "subject");
        var task = Assert.Single(resources, r => r.Type == "Task");
        Assert.Contains(task.SearchParam, p => p.Name == "owner");
    }
}

[Collection(SqliteTests.Name)]
public sealed class TriageFhirTestsOnSqlite(SqliteApp app) : TriageFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class TriageFhirTestsOnPostgres(PostgresApp app) : TriageFhirTests(app);
