using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_batch_of_events_is_stored_field_for_field_with_and_without_the_optional_values()
    {
        // PostgreSQL writes a batch as one INSERT of arrays, SQLite row by row: both must store every value as written.
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var marker = $"Skrivtest {Guid.NewGuid():N}";
        var at = new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
        var unit = new Nara.Platform.Identifiers.UnitId(Guid.NewGuid());
        var resident = new Nara.Platform.Identifiers.ResidentId(Guid.NewGuid());
        AuditEvent Event(int i, bool full) => new()
        {
            At = at.AddMinutes(i), ActorId = Guid.NewGuid(), ActorName = $"Testperson {i}", ActorRole = "Vardpersonal",
            ActorUnitId = full ? unit : null, ResidentId = full ? resident : null,
            Action = full ? AuditAction.Search : AuditAction.Read, Resource = marker,
            Outcome = full ? AuditOutcome.Denied : AuditOutcome.Allowed, Basis = full ? AccessBasis.EmergencyAccess : AccessBasis.None,
            Reason = full ? "Akut läge, \"citat\" och åäö" : null, Flagged = full, TraceId = full ? "0af7651916cd43dd8448eb211c80319c" : null,
        };
        var written = Enumerable.Range(0, 7).Select(i => Event(i, i % 2 == 0)).ToList();

        await writer.WriteAsync(written);

        var stored = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.Resource == marker).ToListAsync());
        Assert.Equal(written.Count, stored.Count);
        foreach (var w in written)
        {
            var s = Assert.Single(stored, e => e.ActorId == w.ActorId);
            Assert.Equal((w.At, w.ActorName, w.ActorRole, w.ActorUnitId, w.ResidentId, w.Action, w.Outcome, w.Basis, w.Reason, w.Flagged, w.TraceId),
                (s.At, s.ActorName, s.ActorRole, s.ActorUnitId, s.ResidentId, s.Action, s.Outcome, s.Basis, s.Reason, s.Flagged, s.TraceId));
        }
    }
}

[Collection(SqliteTests.Name)]
public sealed class AuditWriterTestsOnSqlite(SqliteApp app) : AuditWriterTests(app);

[Collection(PostgresTests.Name)]
public sealed class AuditWriterTestsOnPostgres(PostgresApp app) : AuditWriterTests(app);
