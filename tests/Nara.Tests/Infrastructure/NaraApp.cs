using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nara.Platform.Persistence;
using Npgsql;

namespace Nara.Tests.Infrastructure;

/// <summary>
/// The real host on a freshly migrated database of one engine. Each test creates the data it needs with
/// <see cref="TestData"/>, so no test depends on seed counts or on another test.
/// </summary>
public abstract class NaraApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }

    protected string ConnectionString { get; set; } = string.Empty;

    public TestData Data => new(Services);

    /// <summary>The host's clock: standing still at <see cref="TestClock.Now"/>. A test that needs time to pass moves its data, not this clock, since the host is shared by a collection of tests.</summary>
    public FakeTimeProvider Clock { get; } = new(TestClock.Now);

    /// <summary>Now, as the host sees it.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Today in Swedish time, as the host sees it.</summary>
    public DateOnly Today => Nara.Platform.Time.Stockholm.Today(Clock);

    protected abstract Task CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    // WebApplicationFactory finds the app's host through a process-wide DiagnosticListener: two factories building at
    // the same moment can pick up each other's host (and configuration). Building one at a time prevents that.
    private static readonly SemaphoreSlim HostGate = new(1, 1);

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        await HostGate.WaitAsync();
        try
        {
            _ = Services;
        }
        finally
        {
            HostGate.Release();
        }
        await PersistenceSetup.MigrateAsync(Services, CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DropDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: with minimal hosting the latter is applied only when the app's
        // builder is built, after NaraHost has already read Nara:Database (every test then shared data/nara.db).
        var settings = new Dictionary<string, string>
        {
            ["Nara:Database:Provider"] = Provider.ToString().ToLowerInvariant(),
            ["Nara:Database:ConnectionString"] = ConnectionString,
            ["Nara:Auth:Mode"] = "demo",
            // Each response says how many SQL statements it sent (StatementBudgetTests).
            ["Nara:Diagnostics:StatementHeader"] = "true",
            ["Nara:Demo:Residents"] = "0",
            // Tests drive the outbox with OutboxDispatcher.DispatchDueAsync(now), never with a background timer.
            ["Nara:Notifications:Dispatcher:Enabled"] = "false",
            ["Nara:Booking:Waitlist:ExpiryEnabled"] = "false",
            // Tests sign in and write many times from one client; RateLimitTests sets its own low limits.
            ["Nara:RateLimits:SignIn:PermitLimit"] = "1000000",
            ["Nara:RateLimits:Writes:PermitLimit"] = "1000000",
            ["Nara:RateLimits:Searches:PermitLimit"] = "1000000",
        };
        Configure(settings);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, TestRemoteAddress>();
        });
    }

    /// <summary>A host for one test class may change settings here (limits, trusted proxies).</summary>
    protected virtual void Configure(IDictionary<string, string> settings)
    {
    }

    /// <summary>An HTTP client signed in through the demo sign-in API as a resident or a member of staff.</summary>
    public async Task<HttpClient> ClientForAsync(string kind, Guid id, Guid? unitId = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/demo", new { kind, id, unitId });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public Task<HttpClient> ResidentClientAsync(Guid residentId) => ClientForAsync("resident", residentId);

    public Task<HttpClient> StaffClientAsync(Guid staffId, Guid? unitId = null) => ClientForAsync("staff", staffId, unitId);

    public HttpClient AnonymousClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>
/// TestServer gives no client address. A request that names one in <see cref="Header"/> comes from there, before the
/// forwarded headers are read, as if it had arrived over the network from that address.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var address))
            {
                context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address.ToString());
                context.Request.Headers.Remove(Header);
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}

public class SqliteApp : NaraApp
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"nara-test-{Guid.NewGuid():N}.db");

    public SqliteApp() => ConnectionString = $"Data Source={_file}";

    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var f in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(f);
        }
        return Task.CompletedTask;
    }
}

/// <summary>A throwaway database on the PostgreSQL server that ./test.sh starts (NARA_TEST_POSTGRES).</summary>
public sealed class PostgresApp : NaraApp
{
    private readonly string _admin;
    private readonly string _database = $"nara_test_{Guid.NewGuid():N}";

    public PostgresApp()
    {
        _admin = Environment.GetEnvironmentVariable("NARA_TEST_POSTGRES")
            ?? throw new InvalidOperationException("NARA_TEST_POSTGRES is not set: run the tests with ./test.sh, which starts a PostgreSQL server.");
        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
    }

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task CreateDatabaseAsync()
    {
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {_database}", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteTests : ICollectionFixture<SqliteApp>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresApp>
{
    public const string Name = "postgres";
}
