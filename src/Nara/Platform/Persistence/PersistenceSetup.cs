using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Nara.Platform.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from <c>Nara:Database</c>: which engine, and how to reach it.</summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqlite = "Data Source=data/nara.db";

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; init; } = DefaultSqlite;

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Nara:Database");
        var providerText = section["Provider"] ?? "sqlite";
        var provider = providerText.ToUpperInvariant() switch
        {
            "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException($"Nara:Database:Provider '{providerText}' is not 'sqlite' or 'postgres'."),
        };
        var cs = section["ConnectionString"];
        if (string.IsNullOrWhiteSpace(cs))
        {
            cs = provider == DatabaseProvider.Sqlite
                ? DefaultSqlite
                : throw new InvalidOperationException("Nara:Database:ConnectionString is required for postgres.");
        }
        return new DatabaseOptions { Provider = provider, ConnectionString = provider == DatabaseProvider.Postgres ? WithPostgresDefaults(cs) : cs };
    }

    /// <summary>
    /// Npgsql prepares nothing by default, so PostgreSQL parses and plans every statement of every command again. With
    /// automatic preparation the few statements a request runs are planned once per connection. An explicit setting in
    /// the connection string wins (here and for the reset below).
    /// </summary>
    internal static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 200;
        }
        // Nära keeps no session state on a connection (no SET, temp tables, LISTEN or advisory locks), so a connection
        // returned to the pool need not be reset: that saves a statement batch on every open.
        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    public void Apply(DbContextOptionsBuilder builder)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // One shared interceptor instance: a new one per context would make EF build a new internal service provider each time.
            builder.UseSqlite(ConnectionString).AddInterceptors(SqliteConnectionSetup.Instance);
        }
        else
        {
            builder.UseNpgsql(ConnectionString).ReplaceService<Microsoft.EntityFrameworkCore.Update.IModificationCommandBatchFactory, PostgresAtomicBatchFactory>();
        }
    }
}

public static class PersistenceSetup
{
    public static IServiceCollection AddNaraPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = DatabaseOptions.From(configuration);
        services.AddSingleton(options);
        // Pooled: a request reuses a reset context instead of building one (the contexts hold no state of their own).
        // Modules contribute EF interceptors (e.g. a cache that must hear about saves) as singletons through DI.
        void Configure(IServiceProvider sp, DbContextOptionsBuilder builder)
        {
            options.Apply(builder);
            builder.AddInterceptors(SaveBeforeCommit.Instance, StatementCounter.Instance, StatementCounter.Commits.Instance);
            builder.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
            // A failed statement is EF's warning, not yet an error: the exception goes on to the caller, which either expects
            // it (two bookings of one slot, decided by the unique index: 409) or lets it reach the request's exception
            // handler or the background service's loop, which log it as the error it then is.
            builder.ConfigureWarnings(w => w.Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandError, LogLevel.Warning),
                (Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.SaveChangesFailed, LogLevel.Warning)));
        }
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextPool<NaraDbContext, SqliteNaraDbContext>(Configure);
            services.AddHostedService<SqlitePlannerStatistics>();
        }
        else
        {
            services.AddDbContextPool<NaraDbContext, PostgresNaraDbContext>(Configure);
        }
        return services;
    }

    /// <summary>Creates the SQLite folder, applies pending migrations and turns on WAL. Throws <see cref="DatabaseUnavailableException"/> when the engine cannot be reached.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
                var folder = Path.GetDirectoryName(Path.GetFullPath(source));
                if (!string.IsNullOrEmpty(folder) && source != ":memory:")
                {
                    Directory.CreateDirectory(folder);
                }
            }
            await db.Database.MigrateAsync(ct);
            if (options.Provider == DatabaseProvider.Sqlite)
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException or IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException(options.Provider, ex);
        }
    }
}

public sealed class DatabaseUnavailableException(DatabaseProvider provider, Exception inner)
    : Exception($"Databasen ({provider.ToString().ToLowerInvariant()}) kan inte nås: {inner.GetBaseException().Message}", inner);

// Design-time factories: `dotnet ef migrations add X --context SqliteNaraDbContext` (or Postgres...) use these,
// so migrations never depend on the app's configuration or a running server.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteNaraDbContext>
{
    public SqliteNaraDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteNaraDbContext>().UseSqlite(DatabaseOptions.DefaultSqlite).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresNaraDbContext>
{
    public PostgresNaraDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresNaraDbContext>().UseNpgsql("Host=localhost;Database=nara").Options);
}
