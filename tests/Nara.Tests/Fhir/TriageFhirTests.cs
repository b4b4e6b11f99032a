using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Tests.Infrastructure;
using AuditEvent = Nara.Platform.Access.AuditEvent;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

/// <summary>En väg in over FHIR: the assessment as QuestionnaireResponse and the case as Task, under the access rules.</summary>
public abstract class TriageFhirTests(NaraApp app)
{
    private const string OutcomeUrl = "https://nara.se/fhir/StructureDefinition/triage-outcome";

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
        foreach (var (q, v) in new[] { ("tryckande_15min", "nej"), ("andnod", "nej"), ("svimning", "nej"), ("utstralning", "nej"), ("kand_hjartsjukdom", "nej"), ("debut", "dagar"), ("rorelse", "ja") })
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
        Assert.Equal(8, response.Item.Count);
        Assert.False(Assert.IsType<FhirBoolean>(response.Item.Single(i => i.LinkId == "kallsvett").Answer[0].Value).Value);
        var debut = Assert.IsType<Coding>(response.Item.Single(i => i.LinkId == "debut").Answer[0].Value);
        Assert.Equal("dagar", debut.Code);
        Assert.Equal("För några dagar sedan", debut.Display);
        var outcome = Assert.Single(response.Extension, e => e.Url == OutcomeUrl);
        Assert.Equal("VardInomDagar", Assert.IsType<Coding>(outcome.GetExtension("urgency")!.Value).Code);
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

    [Fact]
    public async Task The_capability_statement_lists_the_triage_resources()
    {
        var (_, capability) = await app.AnonymousClient().GetFhirAsync<CapabilityStatement>("/fhir/metadata");
        var resources = capability.Rest.Single().Resource;
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
