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

    // Microsoft.Data.Sqlite pools the native handle and the settings stay on it, while EF opens and closes the
    // connection around every query: set them once per native handle, not on every open.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = [];

    private bool IsConfigured(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } && _configured.TryGetValue(handle, out _);

    private void MarkConfigured(DbConnection connection)
    {
        if (connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, this);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection))
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection))
        {
            return;
        }
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }
}
