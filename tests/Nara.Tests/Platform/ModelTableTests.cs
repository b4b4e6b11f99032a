using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>Raw SQL through the model's names and type mappings reads and writes exactly what EF does, on each engine.</summary>
public abstract class ModelTableTests(NaraApp app)
{
    private static async Task<T> WithConnectionAsync<T>(NaraDbContext db, Func<DbCommand, Task<T>> work)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            return await work(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task Rows_read_by_strong_id_parameter_equal_what_EF_loads()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);

        var (raw, listing) = await app.Data.WithDbAsync(db =>
        {
            var residents = ModelTable.For<Resident>(db);
            var key = residents.Column(nameof(Resident.Id));
            return WithConnectionAsync(db, async command =>
            {
                command.CommandText = $"SELECT {residents.SelectList("r")} FROM {residents.Name} r WHERE r.{key.Name} = {residents.Placeholder("id")}";
                residents.AddParameter(command, key, "id", resident.Id);
                Resident? found;
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    found = await reader.ReadAsync() ? residents.Read(reader, 0) : null;
                }
                var listings = ModelTable.For<Listing>(db);
                var of = listings.Column(nameof(Listing.ResidentId));
                var from = listings.Column(nameof(Listing.From));
                command.Parameters.Clear();
                command.CommandText = $"SELECT {listings.SelectList("l")} FROM {listings.Name} l WHERE l.{of.Name} = {listings.Placeholder("r")} AND l.{from.Name} <= {listings.Placeholder("d")}";
                listings.AddParameter(command, of, "r", resident.Id);
                listings.AddParameter(command, from, "d", new DateOnly(2100, 1, 1));
                await using var rows = await command.ExecuteReaderAsync();
                return (found, await rows.ReadAsync() ? listings.Read(rows, 0) : null);
            });
        });

        var loaded = await app.Data.WithDbAsync(db => db.Set<Resident>().AsNoTracking().SingleAsync(r => r.Id == resident.Id));
        Assert.NotNull(raw);
        Assert.Equivalent(loaded, raw, strict: true);
        Assert.NotNull(listing);
        Assert.Equal(unit.Id, listing.UnitId);
        Assert.Equal(resident.Id, listing.ResidentId);
        Assert.Null(listing.To);
    }

    [Fact]
    public async Task Multi_row_insert_stores_what_EF_reads_back_nulls_enums_times_and_strong_ids_included()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var at = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_000);
        AuditEvent Event(AuditOutcome outcome, UnitId? actorUnit, string? reason) => new()
        {
            At = at,
            ActorId = Guid.NewGuid(),
            ActorName = "Åsa Öberg",
            ActorRole = NaraRoles.Vardpersonal,
            ActorUnitId = actorUnit,
            ResidentId = resident.Id,
            Action = AuditAction.Read,
            Resource = "ModelTable test",
            Outcome = outcome,
            Basis = AccessBasis.CareRelationship,
            Reason = reason,
            Flagged = reason is not null,
            TraceId = null,
        };
        var written = new[] { Event(AuditOutcome.Allowed, unit.Id, null), Event(AuditOutcome.Denied, null, "skäl") };

        var count = await app.Data.WithDbAsync(db => WithConnectionAsync(db, command =>
        {
            ModelTable.For<AuditEvent>(db).PrepareInsert(command, written);
            return command.ExecuteNonQueryAsync();
        }));

        Assert.Equal(2, count);
        var read = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ResidentId == resident.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, read.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(read[i].Id > 0);
            Assert.Equal(written[i].At, read[i].At);
            Assert.Equal(written[i].ActorUnitId, read[i].ActorUnitId);
            Assert.Equal(written[i].Outcome, read[i].Outcome);
            Assert.Equal(written[i].Reason, read[i].Reason);
            Assert.Equal(written[i].ActorId, read[i].ActorId);
            Assert.Equal(written[i].ActorName, read[i].ActorName);
            Assert.Equal(written[i].Flagged, read[i].Flagged);
            Assert.Null(read[i].TraceId);
        }
    }
}

[Collection(SqliteTests.Name)]
public sealed class ModelTableTestsOnSqlite(SqliteApp app) : ModelTableTests(app);

[Collection(PostgresTests.Name)]
public sealed class ModelTableTestsOnPostgres(PostgresApp app) : ModelTableTests(app);
