using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

public abstract class FhirEdgeTests(NaraApp app)
{
    [Fact]
    public async Task Metadata_lists_exactly_the_registered_resources_and_their_search_params()
    {
        var (status, capability) = await app.AnonymousClient().GetFhirAsync<CapabilityStatement>("/fhir/metadata");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FHIRVersion.N4_0_1, capability.FhirVersion);
        Assert.Contains("json", capability.Format);
        var rest = Assert.Single(capability.Rest);
        Assert.Equal(CapabilityStatement.RestfulCapabilityMode.Server, rest.Mode);
        var registry = app.Services.GetRequiredService<FhirRegistry>();
        Assert.Equal(registry.Resources.Select(r => r.ResourceType), rest.Resource.Select(r => r.Type));
        Assert.Equal(["Appointment", "AuditEvent", "CarePlan", "CareTeam", "Communication", "Consent", "Flag", "Goal", "Location", "Observation", "Organization", "Patient", "Practitioner", "PractitionerRole", "Questionnaire", "QuestionnaireResponse", "Schedule", "ServiceRequest", "Slot", "Task"], rest.Resource.Select(r => r.Type));
        foreach (var registered in registry.Resources)
        {
            var declared = rest.Resource.Single(r => r.Type == registered.ResourceType);
            Assert.Equal(registered.SearchParameters.Select(p => (p.Name, p.Type)), declared.SearchParam.Select(p => (p.Name ?? "", p.Type!.Value)));
            Assert.Contains(declared.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Read);
            Assert.Contains(declared.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.SearchType);
        }
        var patient = rest.Resource.Single(r => r.Type == "Patient");
        Assert.Equal(["identifier", "name", "birthdate"], patient.SearchParam.Select(p => p.Name));
    }

    [Fact]
    public async Task Unauthenticated_request_gets_401_operation_outcome()
    {
        var (status, outcome) = await app.AnonymousClient().GetFhirAsync<OperationOutcome>("/fhir/Organization");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(OperationOutcome.IssueType.Login, FhirHttp.Issue(outcome).Code);
    }

    [Fact]
    public async Task Unknown_resource_type_is_404_operation_outcome()
    {
        var client = await StaffClientAsync();

        var (status, outcome) = await client.GetFhirAsync<OperationOutcome>("/fhir/Medication");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("Medication", FhirHttp.Issue(outcome).Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_search_parameter_is_400_naming_the_parameter()
    {
        var client = await StaffClientAsync();

        var (status, outcome) = await client.GetFhirAsync<OperationOutcome>("/fhir/Organization?colour=blue");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var issue = FhirHttp.Issue(outcome);
        Assert.Equal(["colour"], issue.Expression);
        Assert.Contains("colour", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_count_is_400_naming_count()
    {
        var client = await StaffClientAsync();

        var (status, outcome) = await client.GetFhirAsync<OperationOutcome>("/fhir/Organization?_count=many");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["_count"], FhirHttp.Issue(outcome).Expression);
    }

    [Fact]
    public async Task Xml_format_is_not_acceptable()
    {
        var client = await StaffClientAsync();

        var (status, _) = await client.GetFhirAsync<OperationOutcome>("/fhir/Organization?_format=xml");

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
    }

    [Fact]
    public async Task Post_with_malformed_json_is_400_with_the_parsers_message()
    {
        var client = await StaffClientAsync();

        using var content = new StringContent("{\"resourceType\": \"Patient\", ", Encoding.UTF8, FhirJson.ContentType);
        using var response = await client.PostAsync("/fhir/Patient", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = FhirHttp.Issue(await FhirHttp.ParseAsync<OperationOutcome>(response));
        Assert.Equal(OperationOutcome.IssueType.Structure, issue.Code);
        Assert.False(string.IsNullOrWhiteSpace(issue.Diagnostics));
    }

    [Fact]
    public async Task Post_with_invalid_fhir_is_400_with_the_parsers_message()
    {
        var client = await StaffClientAsync();

        using var content = new StringContent("{\"resourceType\": \"Patient\", \"gender\": \"sometimes\", \"colour\": 1}", Encoding.UTF8, FhirJson.ContentType);
        using var response = await client.PostAsync("/fhir/Patient", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = FhirHttp.Issue(await FhirHttp.ParseAsync<OperationOutcome>(response));
        Assert.Contains("colour", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_of_valid_resource_without_create_support_is_405()
    {
        var client = await StaffClientAsync();

        using var content = new StringContent("{\"resourceType\": \"Organization\", \"name\": \"Ny\"}", Encoding.UTF8, FhirJson.ContentType);
        using var response = await client.PostAsync("/fhir/Organization", content);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, FhirHttp.Issue(await FhirHttp.ParseAsync<OperationOutcome>(response)).Code);
    }

    [Fact]
    public async Task Put_to_a_resource_without_update_support_is_405()
    {
        var client = await StaffClientAsync();
        var id = Guid.NewGuid();

        using var content = new StringContent($"{{\"resourceType\": \"Organization\", \"id\": \"{id:D}\", \"name\": \"Ny\"}}", Encoding.UTF8, FhirJson.ContentType);
        using var response = await client.PutAsync($"/fhir/Organization/{id:D}", content);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, FhirHttp.Issue(await FhirHttp.ParseAsync<OperationOutcome>(response)).Code);
    }

    [Fact]
    public async Task Search_pages_with_total_and_self_next_previous_links()
    {
        var client = await StaffClientAsync();
        var tag = $"Sidtest{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 5; i++)
        {
            await app.Data.UnitAsync(name: $"{tag} {i}");
        }

        var (status, first) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?name={tag}&_count=2&_total=accurate");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Bundle.BundleType.Searchset, first.Type);
        Assert.Equal(5, first.Total);
        Assert.Contains("_total=accurate", Link(first, "next"), StringComparison.Ordinal);
        Assert.Equal([$"{tag} 0", $"{tag} 1"], Names(first));
        Assert.Contains("_offset=0", Link(first, "self"), StringComparison.Ordinal);
        Assert.Null(Link(first, "previous"));
        var (_, second) = await client.GetFhirAsync<Bundle>(Link(first, "next")!);
        Assert.Equal([$"{tag} 2", $"{tag} 3"], Names(second));
        Assert.NotNull(Link(second, "previous"));
        var (_, last) = await client.GetFhirAsync<Bundle>(Link(second, "next")!);
        Assert.Equal([$"{tag} 4"], Names(last));
        Assert.Null(Link(last, "next"));
        var (_, back) = await client.GetFhirAsync<Bundle>(Link(last, "previous")!);
        Assert.Equal([$"{tag} 2", $"{tag} 3"], Names(back));
    }

    [Fact]
    public async Task A_search_counts_its_matches_only_when_asked_and_pages_without_a_total()
    {
        var client = await StaffClientAsync();
        var tag = $"Totaltest{Guid.NewGuid():N}"[..16];
        for (var i = 0; i < 3; i++)
        {
            await app.Data.UnitAsync(name: $"{tag} {i}");
        }

        var (_, unasked) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?name={tag}&_count=2");
        var (_, none) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?name={tag}&_count=2&_total=none");
        var (_, onlyTotal) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?name={tag}&_count=0");
        var (status, wrong) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Organization?name={tag}&_total=ungefär");

        Assert.Null(unasked.Total);
        Assert.Null(none.Total);
        Assert.Equal(2, unasked.Entry.Count);
        var (_, rest) = await client.GetFhirAsync<Bundle>(Link(unasked, "next")!);
        Assert.Equal([$"{tag} 2"], Names(rest));
        Assert.Null(Link(rest, "next"));
        Assert.Equal(3, onlyTotal.Total);
        Assert.Empty(onlyTotal.Entry);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("_total", FhirHttp.Issue(wrong).Expression.Single());
    }

    private static IEnumerable<string?> Names(Bundle bundle) => bundle.Entry.Select(e => Assert.IsType<Organization>(e.Resource).Name);

    internal static string? Link(Bundle bundle, string relation) => bundle.Link.FirstOrDefault(l => l.Relation == relation)?.Url;

    [Fact]
    public async Task Count_above_the_maximum_is_capped_at_100()
    {
        var client = await StaffClientAsync();

        var (_, bundle) = await client.GetFhirAsync<Bundle>("/fhir/Organization?_count=1000");

        Assert.Contains("_count=100&", Link(bundle, "self"), StringComparison.Ordinal);
    }

    private async Task<HttpClient> StaffClientAsync()
    {
        var unit = await app.Data.UnitAsync();
        var staff = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska);
        return await app.StaffClientAsync(staff.Id.Value, unit.Id.Value);
    }
}

[Collection(SqliteTests.Name)]
public sealed class FhirEdgeTestsOnSqlite(SqliteApp app) : FhirEdgeTests(app);

[Collection(PostgresTests.Name)]
public sealed class FhirEdgeTestsOnPostgres(PostgresApp app) : FhirEdgeTests(app);
