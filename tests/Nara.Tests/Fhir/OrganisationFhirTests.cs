using System.Net;
using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

public abstract class OrganisationFhirTests(NaraApp app)
{
    [Fact]
    public async Task Organization_read_and_search_by_hsa_id_name_and_type()
    {
        var (client, unit, _) = await SignedInAsync();

        var (status, organization) = await client.GetFhirAsync<Organization>($"/fhir/Organization/{unit.Id}");
        var (_, byHsa) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?identifier={FhirSystems.HsaId}|{unit.HsaId}");
        var (_, byName) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?name={unit.Name[^6..].ToUpperInvariant()}&type=Vardcentral");
        var (_, wrongType) = await client.GetFhirAsync<Bundle>($"/fhir/Organization?identifier={unit.HsaId}&type=Akutmottagning");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(unit.Name, organization.Name);
        Assert.Equal(FhirSystems.HsaId, organization.Identifier[0].System);
        Assert.Equal("Organization/region-07", organization.PartOf!.Reference);
        Assert.Contains(organization.Type[0].Coding, c => c.Code == "Vardcentral");
        Assert.Equal(unit.Id.ToString(), Assert.Single(byHsa.Entry).Resource!.Id);
        Assert.Contains(byName.Entry, e => e.Resource!.Id == unit.Id.ToString());
        Assert.Empty(wrongType.Entry);
    }

    [Fact]
    public async Task Location_has_managing_organization_and_opening_hours()
    {
        var (client, unit, _) = await SignedInAsync();

        var (status, location) = await client.GetFhirAsync<Location>($"/fhir/Location/{unit.Id}");
        var (_, byName) = await client.GetFhirAsync<Bundle>($"/fhir/Location?name={unit.Name}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Organization/{unit.Id}", location.ManagingOrganization!.Reference);
        var hours = Assert.Single(location.HoursOfOperation);
        Assert.Equal([DaysOfWeek.Mon, DaysOfWeek.Tue, DaysOfWeek.Wed, DaysOfWeek.Thu, DaysOfWeek.Fri], hours.DaysOfWeek.Select(d => d!.Value));
        Assert.Equal("08:00:00", hours.OpeningTime);
        Assert.Equal("17:00:00", hours.ClosingTime);
        Assert.Contains(byName.Entry, e => e.Resource!.Id == unit.Id.ToString());
    }

    [Fact]
    public async Task Practitioner_read_and_search_by_hsa_id_and_name()
    {
        var (client, unit, _) = await SignedInAsync();
        var given = $"Åsa{Guid.NewGuid():N}"[..10];
        var doctor = await app.Data.StaffAsync(unit.Id, Profession.Lakare, givenName: given);

        var (status, practitioner) = await client.GetFhirAsync<Practitioner>($"/fhir/Practitioner/{doctor.Id}");
        var (_, byHsa) = await client.GetFhirAsync<Bundle>($"/fhir/Practitioner?identifier={doctor.HsaId}");
        var (_, byName) = await client.GetFhirAsync<Bundle>($"/fhir/Practitioner?name={given.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(doctor.HsaId, practitioner.Identifier[0].Value);
        Assert.Equal("Lakare", Assert.Single(practitioner.Qualification).Code.Coding[0].Code);
        Assert.Equal(doctor.Id.ToString(), Assert.Single(byHsa.Entry).Resource!.Id);
        Assert.Equal(doctor.Id.ToString(), Assert.Single(byName.Entry).Resource!.Id);
    }

    [Fact]
    public async Task PractitionerRole_per_assignment_is_readable_and_searchable_by_practitioner_and_organization()
    {
        var (client, unit, nurse) = await SignedInAsync();

        var (_, byPractitioner) = await client.GetFhirAsync<Bundle>($"/fhir/PractitionerRole?practitioner=Practitioner/{nurse.Id}");
        var role = Assert.IsType<PractitionerRole>(Assert.Single(byPractitioner.Entry).Resource);
        var (status, read) = await client.GetFhirAsync<PractitionerRole>($"/fhir/PractitionerRole/{role.Id}");
        var (_, byOrganization) = await client.GetFhirAsync<Bundle>($"/fhir/PractitionerRole?organization={unit.Id}");
        var (badStatus, _) = await client.GetFhirAsync<OperationOutcome>($"/fhir/PractitionerRole?organization=Patient/{unit.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Practitioner/{nurse.Id}", read.Practitioner!.Reference);
        Assert.Equal($"Organization/{unit.Id}", read.Organization!.Reference);
        Assert.Equal($"Location/{unit.Id}", Assert.Single(read.Location).Reference);
        Assert.Equal("Sjukskoterska", read.Code[0].Coding[0].Code);
        Assert.Equal(role.Id, Assert.Single(byOrganization.Entry).Resource!.Id);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
    }

    [Fact]
    public async Task Unknown_organization_is_404_and_malformed_id_is_400()
    {
        var (client, _, _) = await SignedInAsync();

        var (unknown, _) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Organization/{Guid.NewGuid()}");
        var (malformed, _) = await client.GetFhirAsync<OperationOutcome>("/fhir/Location/12345");

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
    }

    private async Task<(HttpClient Client, Nara.Modules.Organisation.Domain.CareUnit Unit, Nara.Modules.Organisation.Domain.StaffMember Staff)> SignedInAsync()
    {
        var unit = await app.Data.UnitAsync();
        var staff = await app.Data.StaffAsync(unit.Id);
        return (await app.StaffClientAsync(staff.Id.Value, unit.Id.Value), unit, staff);
    }
}

[Collection(SqliteTests.Name)]
public sealed class OrganisationFhirTestsOnSqlite(SqliteApp app) : OrganisationFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class OrganisationFhirTestsOnPostgres(PostgresApp app) : OrganisationFhirTests(app);
