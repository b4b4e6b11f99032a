using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nara.Platform.Persistence;

/// <summary>
/// Per-connection SQLite settings (PRAGMAs do not persist in the file, except journal_mode).
/// busy_timeout lets SQLite itself wait for the writer lock in short steps instead of failing to the driver's coarse
/// retry loop, which serialised concurrent audit writes badly. synchronous=NORMAL is the documented pairing with WAL:
/// a commit survives a crash of the process; only an OS crash or power loss can lose the last commits. Production
/// runs on PostgreSQL, where commits are fully durable.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSetup Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
