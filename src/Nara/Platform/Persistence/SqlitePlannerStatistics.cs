using Microsoft.EntityFrameworkCore;
using Nara.Platform.Hosting;

namespace Nara.Platform.Persistence;

/// <summary>
/// Keeps SQLite's query-planner statistics current. Without statistics for a table SQLite guesses, and for the access
/// rules' per-row probes it guessed the unit's index on bookings and triage cases: every row of a search page then read
/// every booking and case at the unit (a name page on a 5,000-resident region with 6,000 bookings and 3,000 cases at the
/// unit: 5.9 ms instead of 0.23 ms, and growing with the unit's history). The demo region is analysed when it is
/// written, but tables that fill later (bookings, cases, clocks) never were. SQLite's advice for long-lived connections
/// is <c>PRAGMA optimize</c> now and then; it analyses only the tables whose size has changed much since their last
/// statistics (bounded by <c>analysis_limit</c>, a few milliseconds), and every connection picks the new statistics up.
/// PostgreSQL's autovacuum does the same there.
/// </summary>
public sealed partial class SqlitePlannerStatistics(
    IServiceScopeFactory scopes, DatabaseOptions options, TimeProvider time, StartupGate gate, ILogger<SqlitePlannerStatistics> log)
    : PeriodicService(gate, time)
{
    /// <summary>0x10002: analyse every table that may benefit, including those this connection has not used.</summary>
    public const string Sql = "PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override bool Enabled => options.Provider == DatabaseProvider.Sqlite;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await RefreshAsync(scope.ServiceProvider.GetRequiredService<NaraDbContext>(), ct);
    }

    /// <summary>Brings the statistics up to date now (SQLite only; a no-op elsewhere).</summary>
    public static async Task RefreshAsync(NaraDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync(Sql, ct);
        }
    }

    // The database may be briefly busy; the next run catches up. Only the type: no personal data.
    protected override void OnFailed(Exception ex) => RefreshFailed(log, ex.GetType().Name);

    [LoggerMessage(LogLevel.Warning, "Refreshing SQLite's planner statistics failed ({Error}); trying again at the next run")]
    private static partial void RefreshFailed(ILogger logger, string error);
}
