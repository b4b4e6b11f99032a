using System.Net.Http.Json;
using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;
using AuditEvent = Nara.Platform.Access.AuditEvent;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

public abstract class PatientFhirTests(NaraApp app)
{
    [Fact]
    public async Task Listed_patient_read_by_nurse_at_listing_unit_returns_personnummer_identifier()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id, sex: Sex.Man);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var (status, patient) = await client.GetFhirAsync<Patient>($"/fhir/Patient/{resident.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var identifier = Assert.Single(patient.Identifier);
        Assert.Equal(FhirSystems.Personnummer, identifier.System);
        Assert.Equal(resident.Personnummer, identifier.Value);
        Assert.Equal(resident.FamilyName, patient.Name[0].Family);
        Assert.Equal(AdministrativeGender.Male, patient.Gender);
        Assert.Equal(resident.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), patient.BirthDate);
        Assert.Equal($"Organization/{unit.Id}", Assert.Single(patient.GeneralPractitioner).Reference);
        var audit = await AuditFor(resident.Id.Value, nurse.Id.Value);
        Assert.Contains(audit, e => e.Action == AuditAction.Read && e.Outcome == AuditOutcome.Allowed && e.Resource == "FHIR Patient");
    }

    [Fact]
    public async Task Patient_read_without_care_relationship_is_forbidden_and_audited()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(listedAt: home.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, other.Id.Value);

        var (status, outcome) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Patient/{resident.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, FhirHttp.Issue(outcome).Code);
        var audit = await AuditFor(resident.Id.Value, nurse.Id.Value);
        Assert.Contains(audit, e => e.Action == AuditAction.Read && e.Outcome == AuditOutcome.Denied && e.Resource == "FHIR Patient");
    }

    [Fact]
    public async Task Patient_read_at_another_unit_is_allowed_by_shared_records_consent_and_audited_with_that_basis()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(listedAt: home.Id);
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        var client = await app.StaffClientAsync(nurse.Id.Value, other.Id.Value);
        (await residentClient.PutAsJsonAsync("/api/me/consent", new { consented = true })).EnsureSuccessStatusCode();

        var (status, patient) = await client.GetFhirAsync<Patient>($"/fhir/Patient/{resident.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"Organization/{home.Id}", Assert.Single(patient.GeneralPractitioner).Reference);
        var audit = Assert.Single(await AuditFor(resident.Id.Value, nurse.Id.Value));
        Assert.Equal(AccessBasis.SharedRecords, audit.Basis);
        Assert.Equal(AuditOutcome.Allowed, audit.Outcome);
    }

    [Fact]
    public async Task A_name_search_audits_each_person_shown_with_the_rule_that_let_the_nurse_see_them()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(home.Id);
        var name = $"Grund{Guid.NewGuid():N}"[..12];
        var listed = await app.Data.ResidentAsync(listedAt: home.Id, givenName: name);
        var consenting = await app.Data.ResidentAsync(listedAt: other.Id, givenName: name);
        var blocking = await app.Data.ResidentAsync(listedAt: other.Id, givenName: name);
        var consentClient = await app.ResidentClientAsync(consenting.Id.Value);
        (await consentClient.PutAsJsonAsync("/api/me/consent", new { consented = true })).EnsureSuccessStatusCode();
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new SharedRecordsConsent { ResidentId = blocking.Id, Consented = true, ChangedAt = app.Now });
            db.Add(new AccessBlock { ResidentId = blocking.Id, UnitId = home.Id, PlacedAt = app.Now });
            await db.SaveChangesAsync();
        });
        var client = await app.StaffClientAsync(nurse.Id.Value, home.Id.Value);

        var (status, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={name}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { listed.Id.ToString(), consenting.Id.ToString() }.Order(), bundle.Entry.Select(e => e.Resource!.Id).Order());
        Assert.Equal(AccessBasis.CareRelationship, Assert.Single(await AuditFor(listed.Id.Value, nurse.Id.Value)).Basis);
        Assert.Equal(AccessBasis.SharedRecords, Assert.Single(await AuditFor(consenting.Id.Value, nurse.Id.Value)).Basis);
        Assert.Empty(await AuditFor(blocking.Id.Value, nurse.Id.Value));
    }

    [Fact]
    public async Task Patient_read_at_the_listing_unit_is_audited_as_care_relationship()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var (status, _) = await client.GetFhirAsync<Patient>($"/fhir/Patient/{resident.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        var audit = Assert.Single(await AuditFor(resident.Id.Value, nurse.Id.Value));
        Assert.Equal(AccessBasis.CareRelationship, audit.Basis);
        Assert.Equal(unit.Id, audit.ActorUnitId);
    }

    [Fact]
    public async Task Search_by_invalid_personnummer_is_400_naming_identifier()
    {
        var client = await NurseClientAsync();

        var (status, outcome) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Patient?identifier={FhirSystems.Personnummer}|19900101-0000");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var issue = FhirHttp.Issue(outcome);
        Assert.Equal(["identifier"], issue.Expression);
        Assert.Contains("identifier", issue.Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_patient_id_is_404()
    {
        var client = await NurseClientAsync();

        var (status, outcome) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Patient/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(OperationOutcome.IssueType.NotFound, FhirHttp.Issue(outcome).Code);
    }

    [Fact]
    public async Task Malformed_patient_id_is_400()
    {
        var client = await NurseClientAsync();

        var (status, _) = await client.GetFhirAsync<OperationOutcome>("/fhir/Patient/not-a-guid");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Search_by_identifier_finds_listed_patient_with_or_without_hyphen_and_audits_it()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        var hyphenated = $"{resident.Personnummer[..8]}-{resident.Personnummer[8..]}";

        var (status, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?identifier={FhirSystems.Personnummer}|{hyphenated}&_total=accurate");
        var (_, plain) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?identifier={resident.Personnummer}&_total=accurate");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, bundle.Total);
        Assert.Equal(resident.Id.ToString(), Assert.Single(bundle.Entry).Resource!.Id);
        Assert.Equal(1, plain.Total);
        var audit = await AuditFor(resident.Id.Value, nurse.Id.Value);
        Assert.Equal(2, audit.Count(e => e.Action == AuditAction.Search && e.Outcome == AuditOutcome.Allowed));
    }

    [Fact]
    public async Task Searching_by_personnummer_for_a_patient_the_nurse_may_not_access_is_refused_and_in_that_patients_log()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var resident = await app.Data.ResidentAsync(listedAt: home.Id);
        var client = await app.StaffClientAsync(nurse.Id.Value, other.Id.Value);

        var (status, _) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Patient?identifier={resident.Personnummer}");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var audit = await AuditFor(resident.Id.Value, nurse.Id.Value);
        var row = Assert.Single(audit);
        Assert.Equal((AuditAction.Search, AuditOutcome.Denied, AccessBasis.None), (row.Action, row.Outcome, row.Basis));
    }

    [Fact]
    public async Task A_name_search_leaves_out_patients_the_nurse_may_not_access()
    {
        var home = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(other.Id);
        var name = $"Lämna{Guid.NewGuid():N}"[..12];
        var resident = await app.Data.ResidentAsync(listedAt: home.Id, givenName: name);
        var client = await app.StaffClientAsync(nurse.Id.Value, other.Id.Value);

        var (status, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={name}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(bundle.Entry);
        Assert.Empty(await AuditFor(resident.Id.Value, nurse.Id.Value));
    }

    [Fact]
    public async Task A_name_search_pages_family_and_given_name_matches_in_name_order_without_gaps_or_repeats()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var tag = $"Sida{Guid.NewGuid():N}"[..10];
        var expected = new List<(string Family, string Given, string Id)>();
        // Family-name matches, given-name matches, one matching both, and one the nurse may not see.
        foreach (var (given, family) in new[]
        {
            ("Testa", $"{tag}b"), ("Testa", $"{tag}d"), ($"{tag}x", "Aaberg"), ($"{tag}y", "Östberg"),
            ($"{tag}z", $"{tag}c"), ("Testa", $"{tag}a"), ($"{tag}w", "Mellan"),
        })
        {
            var resident = await app.Data.ResidentAsync(listedAt: unit.Id, givenName: given);
            await app.Data.WithDbAsync(async db =>
            {
                var tracked = await db.Set<Nara.Modules.Residents.Domain.Resident>().SingleAsync(r => r.Id == resident.Id);
                tracked.FamilyName = family;
                await db.SaveChangesAsync();
            });
            expected.Add((family.ToLowerInvariant(), given.ToLowerInvariant(), resident.Id.ToString()));
        }
        var hidden = await app.Data.ResidentAsync(listedAt: (await app.Data.UnitAsync()).Id, givenName: $"{tag}v");
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var seen = new List<string>();
        for (var offset = 0; offset < 9; offset += 3)
        {
            var (status, page) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={tag.ToUpperInvariant()}&_count=3&_offset={offset}&_total=accurate");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(7, page.Total);
            Assert.Equal(offset + 3 < 7, page.Link.Any(l => l.Relation == "next"));
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
        }

        Assert.Equal(expected.OrderBy(e => e.Family, StringComparer.Ordinal).ThenBy(e => e.Given, StringComparer.Ordinal).Select(e => e.Id), seen);
        Assert.DoesNotContain(hidden.Id.ToString(), seen);

        // A name alone is searched with the compiled queries; with any other filter (here a birth date that holds for
        // everyone) with the access rules built for the request. Both give the same pages.
        var built = new List<string>();
        for (var offset = 0; offset < 9; offset += 3)
        {
            var (status, page) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={tag.ToUpperInvariant()}&birthdate=ge1800-01-01&_count=3&_offset={offset}");
            Assert.Equal(HttpStatusCode.OK, status);
            built.AddRange(page.Entry.Select(e => e.Resource!.Id!));
        }
        Assert.Equal(seen, built);
    }

    [Fact]
    public async Task Resident_searching_sees_only_themselves()
    {
        var unit = await app.Data.UnitAsync();
        var name = $"Sök{Guid.NewGuid():N}"[..12];
        var me = await app.Data.ResidentAsync(listedAt: unit.Id, givenName: name);
        await app.Data.ResidentAsync(listedAt: unit.Id, givenName: name);
        var client = await app.ResidentClientAsync(me.Id.Value);

        var (_, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={name.ToLowerInvariant()}");

        Assert.Equal(me.Id.ToString(), Assert.Single(bundle.Entry).Resource!.Id);
    }

    [Fact]
    public async Task Search_by_birthdate_range_and_name()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var name = $"Född{Guid.NewGuid():N}"[..12];
        var early = await app.Data.ResidentAsync(listedAt: unit.Id, birthDate: new DateOnly(1960, 5, 1), givenName: name);
        var late = await app.Data.ResidentAsync(listedAt: unit.Id, birthDate: new DateOnly(1980, 5, 1), givenName: name);
        var client = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);

        var (_, after) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={name}&birthdate=ge1970-01-01");
        var (_, exact) = await client.GetFhirAsync<Bundle>($"/fhir/Patient?name={name}&birthdate={early.BirthDate:yyyy-MM-dd}");
        var (status, bad) = await client.GetFhirAsync<OperationOutcome>($"/fhir/Patient?name={name}&birthdate=ge1970-13-45");

        Assert.Equal(late.Id.ToString(), Assert.Single(after.Entry).Resource!.Id);
        Assert.Equal(early.Id.ToString(), Assert.Single(exact.Entry).Resource!.Id);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["birthdate"], FhirHttp.Issue(bad).Expression);
    }

    private async Task<HttpClient> NurseClientAsync()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska);
        return await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
    }

    private Task<List<AuditEvent>> AuditFor(Guid residentId, Guid actorId) => app.Data.WithDbAsync(db =>
    {
        var resident = new Nara.Platform.Identifiers.ResidentId(residentId);
        return db.Set<AuditEvent>().Where(e => e.ResidentId == resident && e.ActorId == actorId).ToListAsync();
    });
}

[Collection(SqliteTests.Name)]
public sealed class PatientFhirTestsOnSqlite(SqliteApp app) : PatientFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class PatientFhirTestsOnPostgres(PostgresApp app) : PatientFhirTests(app);
