using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Nara.Platform.Api;

/// <summary>
/// A database that refuses or drops a connection (PostgreSQL at max_connections, a failover, SQLite busy past its
/// timeout) is the service's condition, not the client's mistake and not a bug: answer 503 with a plain Swedish
/// message and Retry-After, so clients and load balancers retry, instead of a 500.
/// </summary>
public sealed partial class DatabaseBusyHandler(ILogger<DatabaseBusyHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }
        LogUnavailable(log, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        await TypedResults.Problem(
            title: "Tillfälligt otillgänglig",
            detail: "Nära är hårt belastat just nu. Försök igen om en liten stund.",
            statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>Connection refused or lost, too many connections, or a busy SQLite file: anywhere in the chain.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when pg.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
                    or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown:
                case NpgsqlException { InnerException: System.Net.Sockets.SocketException or TimeoutException }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                    return true;
                case DbException:
                    return false;
            }
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Databasen tog inte emot begäran ({ExceptionType}); svarade 503")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
