using System.Net;
using Microsoft.EntityFrameworkCore;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>The group commit of audit events: under concurrent reads every access is logged, once, before it answers.</summary>
public abstract class AuditWriterTests(NaraApp app)
{
    [Fact]
    public async Task Concurrent_reads_each_leave_exactly_one_committed_audit_event_before_answering()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var residents = new List<Nara.Modules.Residents.Domain.Resident>();
        for (var i = 0; i < 12; i++)
        {
            residents.Add(await app.Data.ResidentAsync(unit.Id));
        }
        var client = await app.StaffClientAsync(nurse.Id.Value);

        // Each response is checked against the database as soon as it arrives: its event must already be there.
        var reads = residents.SelectMany(r => Enumerable.Repeat(r, 4)).Select(async r =>
        {
            var response = await client.GetAsync($"/api/residents/{r.Id}/overview");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var logged = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == r.Id && e.Resource == "Patientöversikt"));
            Assert.True(logged >= 1, "a read answered before its audit event was committed");
        });
        await Task.WhenAll(reads);

        foreach (var r in residents)
        {
            var events = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == r.Id && e.Resource == "Patientöversikt").ToListAsync());
            Assert.Equal(4, events.Count);
            Assert.All(events, e => Assert.Equal(AccessBasis.CareRelationship, e.Basis));
        }
    }
}

[Collection(SqliteTests.Name)]
public sealed class AuditWriterTestsOnSqlite(SqliteApp app) : AuditWriterTests(app);

[Collection(PostgresTests.Name)]
public sealed class AuditWriterTestsOnPostgres(PostgresApp app) : AuditWriterTests(app);
