using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic;
using Nara.Modules.Synthetic.Content;
using Nara.Modules.Synthetic.Writing;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>
/// SQLite plans a search page's access probes from its statistics. Tables that fill after the region was written
/// (bookings, triage cases) had none, and SQLite then probed them through the unit's index: every row of a page read
/// every booking and case at the unit. The planner statistics are refreshed in the background; after a refresh the
/// probes go through the resident's index.
/// </summary>
public sealed class SqlitePlannerStatisticsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task After_bookings_and_cases_pile_up_at_a_unit_a_refresh_makes_the_search_page_probe_them_by_resident()
    {
        var ct = CancellationToken.None;
        var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
        await app.Data.WithDbAsync(async db =>
        {
            await BulkWriter.EmptyAllTablesAsync(db, ct);
            return await SyntheticRegion.GenerateAndWriteAsync(db, content, 42, 300, app.Today, ct);
        });
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var unit = await db.Set<Listing>().Where(l => l.To == null).GroupBy(l => l.UnitId)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(ct);
        var staff = await db.Set<StaffMember>().Where(s => s.Role == StaffRole.Vardpersonal && s.Assignments.Any(a => a.UnitId == unit))
            .OrderBy(s => s.HsaId).FirstAsync(ct);
        var residents = await db.Set<Resident>().Select(r => r.Id.Value).ToListAsync(ct);

        // Years of bookings and cases at the unit, written straight into the tables (they have no foreign keys).
        var unitText = unit.Value.ToString().ToUpperInvariant();
        await db.Database.OpenConnectionAsync(ct);
        await using (var tx = await db.Database.GetDbConnection().BeginTransactionAsync(ct))
        {
            await using var booking = db.Database.GetDbConnection().CreateCommand();
            booking.Transaction = tx;
            booking.CommandText = "INSERT INTO booking_appointments (Id, SlotId, UnitId, ResidentId, Status, Start, BookedAt, BookedBy) " +
                "VALUES ($id, $slot, $unit, $resident, 'Genomford', $at, $at, 'test')";
            await using var triageCase = db.Database.GetDbConnection().CreateCommand();
            triageCase.Transaction = tx;
            triageCase.CommandText = "INSERT INTO triage_cases (Id, AssessmentId, ResidentId, UnitId, ComplaintId, EngineUrgency, SummaryJson, SentBy, Status, CreatedAt, ConcurrencyToken) " +
                "VALUES ($id, $slot, $resident, $unit, 'annat', 'VardInomDagar', '{}', 'Invanare', 'Stangt', $at, 0)";
            for (var i = 0; i < 3000; i++)
            {
                foreach (var command in i < 1500 ? [booking, triageCase] : new[] { booking })
                {
                    command.Parameters.Clear();
                    Add(command, "$id", Guid.NewGuid().ToString().ToUpperInvariant());
                    Add(command, "$slot", Guid.NewGuid().ToString().ToUpperInvariant());
                    Add(command, "$unit", unitText);
                    Add(command, "$resident", residents[i % residents.Count].ToString().ToUpperInvariant());
                    Add(command, "$at", (long)i);
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            await tx.CommitAsync(ct);
        }
        await db.Database.CloseConnectionAsync();

        var actor = new Actor(staff.Id.Value, "Test", NaraRoles.For(staff.Role), staff.Profession, unit);
        var before = await PlanAsync(scope.ServiceProvider, actor);
        await SqlitePlannerStatistics.RefreshAsync(db, ct);
        var after = await PlanAsync(scope.ServiceProvider, actor);

        // Without statistics for the two tables the unit's index was taken (the reason for the refresh).
        Assert.Contains(before, line => line.Contains("IX_booking_appointments_UnitId_Start", StringComparison.Ordinal)
            || line.Contains("IX_triage_cases_UnitId_Status_CreatedAt", StringComparison.Ordinal));
        Assert.Contains(after, line => line.Contains("IX_booking_appointments_ResidentId_Start", StringComparison.Ordinal));
        Assert.Contains(after, line => line.Contains("IX_triage_cases_ResidentId_CreatedAt", StringComparison.Ordinal));
        Assert.DoesNotContain(after, line => line.Contains("IX_booking_appointments_UnitId_Start", StringComparison.Ordinal));
        Assert.DoesNotContain(after, line => line.Contains("IX_triage_cases_UnitId_Status_CreatedAt", StringComparison.Ordinal));
    }

    [Fact]
    public void The_refresh_runs_in_the_background_on_sqlite()
    {
        Assert.Contains(app.Services.GetServices<IHostedService>(), s => s is SqlitePlannerStatistics);
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // The plan of a member of staff's search page: the residents they may see, in name order, with the grounds.
    private static async Task<List<string>> PlanAsync(IServiceProvider services, Actor actor)
    {
        var db = services.GetRequiredService<NaraDbContext>();
        var access = services.GetRequiredService<ResidentAccess>();
        var page = access.WhereAllowed(db.Set<Resident>(), r => r.Id, actor)
            .OrderBy(r => r.FamilyNameSearchKey).ThenBy(r => r.GivenNameSearchKey).ThenBy(r => r.Personnummer).Take(11);
        await using var command = access.WithGrounds(page, r => r.Id, actor).CreateDbCommand();
        return await QueryPlan.LinesAsync(db, command);
    }
}
