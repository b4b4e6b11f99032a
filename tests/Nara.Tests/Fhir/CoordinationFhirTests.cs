using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

/// <summary>The care team as CareTeam and the consent to sharing between region and municipality as Consent, under the access rules.</summary>
public abstract class CoordinationFhirTests(NaraApp app)
{
    [Fact]
    public async Task A_care_team_reads_as_a_CareTeam_with_its_members_and_fixed_contacts_and_only_for_those_with_access()
    {
        var vc = await app.Data.UnitAsync();
        var help = await app.Data.UnitAsync(UnitType.Hemtjanst);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        (await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastVardkontakt", new { staffId = nurse.Id.Value })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = help.Id.Value, role = "Hemtjänstgrupp" })).EnsureSuccessStatusCode();

        var (status, team) = await staff.GetFhirAsync<CareTeam>($"/fhir/CareTeam/{resident.Id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Patient/{resident.Id.Value:D}", team.Subject!.Reference);
        var fixedContact = Assert.Single(team.Participant, p => p.Member!.Reference == $"Practitioner/{nurse.Id.Value:D}");
        Assert.Contains(fixedContact.Role, r => r.Coding.Any(c => c.Code == "FastVardkontakt"));
        var unit = Assert.Single(team.Participant, p => p.Member!.Reference == $"Organization/{help.Id.Value:D}");
        Assert.Equal("Hemtjänstgrupp", Assert.Single(unit.Role).Text);

        var (_, bundle) = await (await app.ResidentClientAsync(resident.Id.Value)).GetFhirAsync<Bundle>("/fhir/CareTeam");
        Assert.Single(bundle.Entry);

        var stranger = await app.Data.StaffAsync((await app.Data.UnitAsync()).Id);
        var (refused, _) = await (await app.StaffClientAsync(stranger.Id.Value, stranger.Assignments[0].UnitId.Value)).GetFhirAsync<OperationOutcome>($"/fhir/CareTeam/{resident.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        var (noPatient, _) = await staff.GetFhirAsync<OperationOutcome>("/fhir/CareTeam");
        Assert.Equal(HttpStatusCode.BadRequest, noPatient);
    }

    [Fact]
    public async Task A_plan_reads_as_a_CarePlan_with_its_goals_and_activities_under_the_same_rules_as_the_page()
    {
        var (_, homeCare, resident, _, municipalNurse, staff, municipal) = await Nara.Tests.Modules.Coordination.CoordinationApi.AcrossPrincipalsAsync(app);
        var url = $"/api/residents/{resident.Id}/care-plan";
        var planId = (await (await staff.PostAsJsonAsync(url, new { whatMatters = "Bo kvar hemma" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var goalId = (await (await staff.PostAsJsonAsync($"{url}/goals", new { kind = "Teamets", text = "Klara duschen själv", measure = "ADL-bedömning", targetDate = app.Today.AddMonths(2) })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        (await staff.PostAsJsonAsync($"{url}/activities", new { title = "Arbetsterapeut bedömer hjälpmedel", dueOn = app.Today.AddDays(10), goalId })).EnsureSuccessStatusCode();

        var (status, plan) = await staff.GetFhirAsync<CarePlan>($"/fhir/CarePlan/{planId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Patient/{resident.Id.Value:D}", plan.Subject!.Reference);
        Assert.Equal("3", plan.Meta!.VersionId);
        Assert.Equal(2, plan.Goal.Count);
        var activity = Assert.Single(plan.Activity).Detail!;
        Assert.Equal(CarePlan.CarePlanActivityStatus.NotStarted, activity.Status);
        Assert.Equal($"Goal/{goalId:D}", Assert.Single(activity.Goal).Reference);

        // The plan's activities as Task (kind=plan-activity), beside the triage cases that are Task by default.
        var (_, tasks) = await staff.GetFhirAsync<Bundle>($"/fhir/Task?kind=plan-activity&patient=Patient/{resident.Id}&_total=accurate");
        var task = Assert.IsType<Hl7.Fhir.Model.Task>(Assert.Single(tasks.Entry).Resource);
        Assert.Equal(Hl7.Fhir.Model.Task.TaskStatus.Requested, task.Status);
        Assert.Equal($"CarePlan/{planId:D}", Assert.Single(task.BasedOn).Reference);
        Assert.Equal(app.Today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), task.Restriction!.Period!.End);
        var (readStatus, read) = await staff.GetFhirAsync<Hl7.Fhir.Model.Task>($"/fhir/Task/{task.Id}");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal("Arbetsterapeut bedömer hjälpmedel", read.Description);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetFhirAsync<OperationOutcome>("/fhir/Task?kind=okand")).Item1);
        Assert.Empty((await staff.GetFhirAsync<Bundle>($"/fhir/Task?kind=pathway-step&patient=Patient/{resident.Id}")).Item2.Entry);

        var (_, goals) = await (await app.ResidentClientAsync(resident.Id.Value)).GetFhirAsync<Bundle>("/fhir/Goal?_total=accurate");
        Assert.Equal(2, goals.Total);
        var own = goals.Entry.Select(e => Assert.IsType<Goal>(e.Resource)).Single(g => g.Description.Text == "Bo kvar hemma");
        Assert.Equal($"Patient/{resident.Id.Value:D}", own.ExpressedBy!.Reference);
        var (_, team) = await staff.GetFhirAsync<Goal>($"/fhir/Goal/{goalId}");
        Assert.Equal("ADL-bedömning", Assert.Single(team.Target).Measure!.Text);

        // The municipal nurse in the team is refused until the person consents; a stranger always.
        (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = homeCare.Id.Value, staffId = municipalNurse.Id.Value })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await municipal.GetFhirAsync<OperationOutcome>($"/fhir/CarePlan?patient=Patient/{resident.Id}")).Item1);
        (await (await app.ResidentClientAsync(resident.Id.Value)).PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "RegionTillKommun" })).EnsureSuccessStatusCode();
        var (_, found) = await municipal.GetFhirAsync<Bundle>($"/fhir/CarePlan?patient=Patient/{resident.Id}");
        Assert.Single(found.Entry);
        var stranger = await app.Data.StaffAsync((await app.Data.UnitAsync()).Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.StaffClientAsync(stranger.Id.Value, stranger.Assignments[0].UnitId.Value)).GetFhirAsync<OperationOutcome>($"/fhir/CarePlan/{planId}")).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetFhirAsync<OperationOutcome>($"/fhir/CarePlan/{Guid.NewGuid()}")).Item1);
    }

    [Fact]
    public async Task A_partner_system_sends_a_referral_as_a_ServiceRequest_and_reads_its_answer()
    {
        var vc = await app.Data.UnitAsync();
        var clinic = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var doctor = await app.Data.StaffAsync(vc.Id, Profession.Lakare);
        var staff = await app.StaffClientAsync(doctor.Id.Value, vc.Id.Value);
        ServiceRequest Request(UnitId? performer) => new()
        {
            Status = RequestStatus.Active, Intent = RequestIntent.Order, Priority = RequestPriority.Urgent,
            Category = [new CodeableConcept(Nara.Modules.Coordination.Fhir.ServiceRequestResource.KindSystem, "Remiss")],
            Subject = new ResourceReference($"Patient/{resident.Id.Value:D}"),
            Performer = performer is { } p ? [new ResourceReference($"Organization/{p.Value:D}")] : [],
            ReasonCode = [new CodeableConcept { Text = "Utredning av bröstsmärta vid ansträngning" }],
            Note = [new Annotation { Text = new Markdown("EKG i vila normalt.") }],
        };
        async Task<(HttpStatusCode, HttpResponseMessage)> PostAsync(ServiceRequest body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/ServiceRequest") { Content = new ByteArrayContent(Nara.Fhir.FhirJson.Serialize(body)) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(Nara.Fhir.FhirJson.ContentType);
            request.Headers.Accept.ParseAdd(Nara.Fhir.FhirJson.ContentType);
            var response = await staff.SendAsync(request);
            return (response.StatusCode, response);
        }

        var (missing, _) = await PostAsync(Request(null));
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        var (own, _) = await PostAsync(Request(vc.Id));
        Assert.Equal(HttpStatusCode.BadRequest, own);
        var (created, response) = await PostAsync(Request(clinic.Id));
        Assert.Equal(HttpStatusCode.Created, created);
        var sent = await FhirHttp.ParseAsync<ServiceRequest>(response);
        Assert.Equal(RequestPriority.Urgent, sent.Priority);
        Assert.Equal($"Organization/{clinic.Id.Value:D}", Assert.Single(sent.Performer).Reference);

        var specialist = await app.StaffClientAsync((await app.Data.StaffAsync(clinic.Id, Profession.Lakare)).Id.Value, clinic.Id.Value);
        (await specialist.PostAsJsonAsync($"/api/referrals/{sent.Id}/answer", new { text = "Arbetsprov bokas." })).EnsureSuccessStatusCode();
        var (_, answered) = await staff.GetFhirAsync<ServiceRequest>($"/fhir/ServiceRequest/{sent.Id}");
        Assert.Equal(RequestStatus.Completed, answered.Status);
        Assert.Contains(answered.Note, n => (n.Text ?? "").Contains("Arbetsprov bokas.", StringComparison.Ordinal));
        var (_, bundle) = await (await app.ResidentClientAsync(resident.Id.Value)).GetFhirAsync<Bundle>("/fhir/ServiceRequest?_total=accurate");
        Assert.Equal(1, bundle.Total);
    }

    [Fact]
    public async Task A_consent_and_its_withdrawal_read_as_Consent_active_then_inactive()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var own = await app.ResidentClientAsync(resident.Id.Value);
        var given = await (await own.PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "RegionTillKommun" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = given.GetProperty("id").GetGuid();

        var (status, consent) = await own.GetFhirAsync<Consent>($"/fhir/Consent/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Consent.ConsentState.Active, consent.Status);
        Assert.Equal("RegionTillKommun", consent.Category.Single().Coding.Single().Code);
        Assert.Equal(Consent.ConsentProvisionType.Permit, consent.Provision!.Type);

        (await own.PostAsync($"/api/residents/{resident.Id}/sharing-consents/{id}/withdraw", null)).EnsureSuccessStatusCode();
        var nurse = await app.Data.StaffAsync(vc.Id);
        var (_, bundle) = await (await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value)).GetFhirAsync<Bundle>($"/fhir/Consent?patient=Patient/{resident.Id}&_total=accurate");
        Assert.Equal(1, bundle.Total);
        var withdrawn = Assert.IsType<Consent>(Assert.Single(bundle.Entry).Resource);
        Assert.Equal(Consent.ConsentState.Inactive, withdrawn.Status);
        Assert.NotNull(withdrawn.Provision!.Period!.End);

        var (missing, _) = await own.GetFhirAsync<OperationOutcome>($"/fhir/Consent/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        var (_, capability) = await own.GetFhirAsync<CapabilityStatement>("/fhir/metadata");
        Assert.Contains(capability.Rest.Single().Resource, r => r.Type == "CareTeam");
        Assert.Contains(capability.Rest.Single().Resource, r => r.Type == "Consent");
    }
}

[Collection(SqliteTests.Name)]
public sealed class CoordinationFhirTestsOnSqlite(SqliteApp app) : CoordinationFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class CoordinationFhirTestsOnPostgres(PostgresApp app) : CoordinationFhirTests(app);
