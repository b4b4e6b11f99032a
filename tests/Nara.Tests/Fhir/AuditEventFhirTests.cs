using System.Net;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Tests.Infrastructure;
using AuditEvent = Nara.Platform.Access.AuditEvent;
using Task = System.Threading.Tasks.Task;

namespace Nara.Tests.Fhir;

public abstract class AuditEventFhirTests(NaraApp app)
{
    [Fact]
    public async Task Resident_sees_audit_events_about_themselves_and_not_another_residents()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var me = await app.Data.ResidentAsync(listedAt: unit.Id);
        var other = await app.Data.ResidentAsync(listedAt: unit.Id);
        var staffClient = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        await staffClient.GetFhirAsync<Patient>($"/fhir/Patient/{me.Id}");
        await staffClient.GetFhirAsync<Patient>($"/fhir/Patient/{other.Id}");
        var client = await app.ResidentClientAsync(me.Id.Value);

        var (status, mine) = await client.GetFhirAsync<Bundle>("/fhir/AuditEvent");
        var (theirsStatus, _) = await client.GetFhirAsync<OperationOutcome>($"/fhir/AuditEvent?patient=Patient/{other.Id}");
        var otherEventId = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == other.Id).Select(e => e.Id).FirstAsync());
        var (readStatus, _) = await client.GetFhirAsync<OperationOutcome>($"/fhir/AuditEvent/{otherEventId}");

        Assert.Equal(HttpStatusCode.OK, status);
        var read = mine.Entry.Select(e => Assert.IsType<Hl7.Fhir.Model.AuditEvent>(e.Resource))
            .Single(e => e.Agent[0].Who!.Reference == $"Practitioner/{nurse.Id}");
        Assert.Equal($"Patient/{me.Id}", read.Entity[0].What!.Reference);
        Assert.Equal(Hl7.Fhir.Model.AuditEvent.AuditEventOutcome.N0, read.Outcome);
        Assert.Equal($"Location/{unit.Id}", read.Agent[0].Location!.Reference);
        Assert.All(mine.Entry, e => Assert.Equal($"Patient/{me.Id}", Assert.IsType<Hl7.Fhir.Model.AuditEvent>(e.Resource).Entity[0].What!.Reference));
        Assert.Equal(HttpStatusCode.Forbidden, theirsStatus);
        Assert.Equal(HttpStatusCode.Forbidden, readStatus);
    }

    [Fact]
    public async Task Listing_the_audit_log_writes_one_audit_event_not_one_per_row()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var manager = await app.Data.StaffAsync(unit.Id, role: StaffRole.Verksamhetschef);
        var resident = await app.Data.ResidentAsync(listedAt: unit.Id);
        var staffClient = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        for (var i = 0; i < 3; i++)
        {
            await staffClient.GetFhirAsync<Patient>($"/fhir/Patient/{resident.Id}");
        }
        var client = await app.StaffClientAsync(manager.Id.Value, unit.Id.Value);

        var (status, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/AuditEvent?agent=Practitioner/{nurse.Id}&date=ge2000-01-01&_total=accurate");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, bundle.Total);
        var logReads = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ActorId == manager.Id.Value && e.Resource == "FHIR AuditEvent"));
        Assert.Equal(1, logReads);
    }

    [Fact]
    public async Task Manager_does_not_see_events_of_other_units_and_nurse_may_not_read_the_log()
    {
        var unit = await app.Data.UnitAsync();
        var otherUnit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(otherUnit.Id);
        var manager = await app.Data.StaffAsync(unit.Id, role: StaffRole.Verksamhetschef);
        var resident = await app.Data.ResidentAsync(listedAt: otherUnit.Id);
        var nurseClient = await app.StaffClientAsync(nurse.Id.Value, otherUnit.Id.Value);
        await nurseClient.GetFhirAsync<Patient>($"/fhir/Patient/{resident.Id}");
        var client = await app.StaffClientAsync(manager.Id.Value, unit.Id.Value);

        var (_, bundle) = await client.GetFhirAsync<Bundle>($"/fhir/AuditEvent?patient={resident.Id}");
        var (nurseStatus, _) = await nurseClient.GetFhirAsync<OperationOutcome>("/fhir/AuditEvent");

        Assert.Empty(bundle.Entry);
        Assert.Equal(HttpStatusCode.Forbidden, nurseStatus);
    }
}

[Collection(SqliteTests.Name)]
public sealed class AuditEventFhirTestsOnSqlite(SqliteApp app) : AuditEventFhirTests(app);

[Collection(PostgresTests.Name)]
public sealed class AuditEventFhirTestsOnPostgres(PostgresApp app) : AuditEventFhirTests(app);
