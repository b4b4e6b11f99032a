using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>House rule 5 on a real, migrated database of each engine, and the append-only audit log.</summary>
public abstract class PersistenceTests(NaraApp app)
{
    [Fact]
    public Task Start_up_migration_leaves_no_pending_migrations() => app.Data.WithDbAsync(async db =>
    {
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    });

    [Fact]
    public Task The_model_matches_the_migrations_of_this_engine() => app.Data.WithDbAsync(db =>
    {
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no migration of {db.GetType().Name} covers: add a migration to both sets (docs/adr/0002-two-database-providers.md).");
        return Task.CompletedTask;
    });

    [Fact]
    public async Task An_audit_event_cannot_be_modified_through_the_context()
    {
        var id = await AddAuditEventAsync();
        await app.Data.WithDbAsync(async db =>
        {
            var stored = await db.Set<AuditEvent>().SingleAsync(e => e.Id == id);
            db.Entry(stored).Property(e => e.Resource).CurrentValue = "Omskriven";
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        });
        Assert.Equal("Patientöversikt", await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.Id == id).Select(e => e.Resource).SingleAsync()));
    }

    [Fact]
    public async Task An_audit_event_cannot_be_deleted_through_the_context()
    {
        var id = await AddAuditEventAsync();
        await app.Data.WithDbAsync(async db =>
        {
            db.Remove(await db.Set<AuditEvent>().SingleAsync(e => e.Id == id));
            Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.Id == id)));
    }

    // ExecuteUpdate and ExecuteDelete go through the context but not through its change tracker, which is all that
    // NaraDbContext.GuardAppendOnly looks at.
    [Fact]
    public async Task An_audit_event_cannot_be_bulk_updated_or_bulk_deleted_through_the_context()
    {
        var id = await AddAuditEventAsync();
        await app.Data.WithDbAsync(async db =>
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Set<AuditEvent>().Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Resource, "Omskriven")));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Set<AuditEvent>().Where(e => e.Id == id).ExecuteDeleteAsync());
        });
        Assert.Equal("Patientöversikt", await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.Id == id).Select(e => e.Resource).SingleAsync()));
    }

    private async Task<long> AddAuditEventAsync()
    {
        var audit = new AuditEvent
        {
            At = app.Now,
            ActorId = Guid.NewGuid(),
            ActorName = "Testa Personal",
            ActorRole = "Vardpersonal",
            ResidentId = StrongId.New<ResidentId>(),
            Action = AuditAction.Read,
            Resource = "Patientöversikt",
            Outcome = AuditOutcome.Allowed,
            Basis = AccessBasis.CareRelationship,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(audit);
            await db.SaveChangesAsync();
        });
        return audit.Id;
    }
}

[Collection(SqliteTests.Name)]
public sealed class PersistenceTestsOnSqlite(SqliteApp app) : PersistenceTests(app);

[Collection(PostgresTests.Name)]
public sealed class PersistenceTestsOnPostgres(PostgresApp app) : PersistenceTests(app);

/// <summary>The two migration sets, checked without a database server: the model needs no connection.</summary>
public sealed class MigrationSetTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_model_matches_the_migration_set(DatabaseProvider provider)
    {
        using var db = Create(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no migration of {db.GetType().Name} covers: add a migration to both sets (docs/adr/0002-two-database-providers.md).");
    }

    [Fact]
    public void Both_engines_have_the_same_migrations_in_the_same_order()
    {
        using var sqlite = Create(DatabaseProvider.Sqlite);
        using var postgres = Create(DatabaseProvider.Postgres);
        var sqliteNames = Names(sqlite);
        var postgresNames = Names(postgres);
        Assert.NotEmpty(sqliteNames);
        Assert.True(sqliteNames.SequenceEqual(postgresNames, StringComparer.Ordinal),
            $"The migration sets differ. SQLite: {string.Join(", ", sqliteNames)}. PostgreSQL: {string.Join(", ", postgresNames)}.");
    }

    [Fact]
    public void Each_engine_has_its_own_migration_set()
    {
        using var sqlite = Create(DatabaseProvider.Sqlite);
        using var postgres = Create(DatabaseProvider.Postgres);
        Assert.Empty(sqlite.Database.GetMigrations().Intersect(postgres.Database.GetMigrations(), StringComparer.Ordinal));
    }

    // A migration id is "yyyyMMddHHmmss_Name"; the two sets are generated seconds apart, so only the names can agree.
    private static List<string> Names(NaraDbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();

    private static NaraDbContext Create(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? new SqliteNaraDbContext(new DbContextOptionsBuilder<SqliteNaraDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgresNaraDbContext(new DbContextOptionsBuilder<PostgresNaraDbContext>().UseNpgsql("Host=127.0.0.1;Port=1;Database=unused").Options);
}

/// <summary>Start-up refuses to run on a database it cannot reach, and says so in one line.</summary>
public sealed class StartupFailureTests
{
    private const string Unreachable = "Host=127.0.0.1;Port=1;Database=x;Timeout=2";

    [Fact]
    public async Task Migrating_an_unreachable_postgres_throws_DatabaseUnavailableException_in_Swedish()
    {
        var ex = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MigrateAsync("postgres", Unreachable));
        Assert.StartsWith("Databasen (postgres) kan inte nås: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task Migrating_sqlite_in_a_folder_that_cannot_be_made_throws_DatabaseUnavailableException()
    {
        // A regular file where the folder should be: creating the folder fails whoever runs the test.
        var file = Path.GetTempFileName();
        try
        {
            var ex = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MigrateAsync("sqlite", $"Data Source={Path.Combine(file, "nara.db")}"));
            Assert.StartsWith("Databasen (sqlite) kan inte nås: ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_process_exits_with_one_line_on_stderr_when_the_database_is_unreachable()
    {
        var (exitCode, errorLines, context) = await RunAppUntilExitAsync(new()
        {
            ["Nara__Database__Provider"] = "postgres",
            ["Nara__Database__ConnectionString"] = Unreachable,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        });
        Assert.True(exitCode != 0, context);
        Assert.True(errorLines.Length == 1, context);
        Assert.StartsWith("Nära kan inte starta", errorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_process_exits_with_one_line_on_stderr_when_its_address_is_taken()
    {
        var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var folder = Directory.CreateTempSubdirectory("nara-port-");
        try
        {
            var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
            var (exitCode, errorLines, context) = await RunAppUntilExitAsync(new()
            {
                ["Nara__Database__Provider"] = "sqlite",
                ["Nara__Database__ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "nara.db")}",
                ["Nara__Demo__Residents"] = "0",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            });
            Assert.Equal(2, exitCode);
            Assert.True(errorLines.Length == 1, context);
            Assert.StartsWith("Nära kan inte starta: adressen kan inte öppnas", errorLines[0], StringComparison.Ordinal);
        }
        finally
        {
            taken.Stop();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Starts the built app with the given environment and waits (at most 30 s) for it to exit.</summary>
    private static async Task<(int ExitCode, string[] ErrorLines, string Context)> RunAppUntilExitAsync(Dictionary<string, string> environment)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Nara.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project copies the built app next to itself.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Nära was still running 30 s after start; stdout so far:\n{await stdout}");
        }
        var errorLines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, errorLines, $"exit code {process.ExitCode}; stderr:\n{await stderr}\nstdout:\n{await stdout}");
    }

    private static async Task MigrateAsync(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nara:Database:Provider"] = provider,
            ["Nara:Database:ConnectionString"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddNaraPersistence(configuration).BuildServiceProvider();
        await PersistenceSetup.MigrateAsync(services, CancellationToken.None);
    }
}
