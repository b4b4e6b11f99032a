using Microsoft.Data.Sqlite;
using Nara.Platform.Api;
using Npgsql;

namespace Nara.Tests.Platform;

/// <summary>A database that cannot take the request is a 503 to retry, not a 500; a real database error stays a 500.</summary>
public sealed class DatabaseBusyHandlerTests
{
    [Fact]
    public void Too_many_connections_is_unavailable_even_inside_efs_transient_wrapper()
    {
        var refused = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", PostgresErrorCodes.TooManyConnections);
        Assert.True(DatabaseBusyHandler.IsUnavailable(refused));
        Assert.True(DatabaseBusyHandler.IsUnavailable(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused)));
    }

    [Fact]
    public void A_lost_connection_and_a_busy_sqlite_file_are_unavailable()
    {
        Assert.True(DatabaseBusyHandler.IsUnavailable(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException())));
        Assert.True(DatabaseBusyHandler.IsUnavailable(new SqliteException("database is locked", 5)));
    }

    [Fact]
    public void Constraint_violations_and_other_errors_are_not_unavailable()
    {
        Assert.False(DatabaseBusyHandler.IsUnavailable(new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.False(DatabaseBusyHandler.IsUnavailable(new SqliteException("constraint failed", 19)));
        Assert.False(DatabaseBusyHandler.IsUnavailable(new InvalidOperationException("a bug")));
    }
}
