using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Synthetic;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Persistence;
using Npgsql;

namespace Nara.Bench;

/// <summary>Generates and writes the full region, reporting time and peak memory as ratios to the targets (60 s, 2 GiB).</summary>
internal static class GenerateBenchmark
{
    private const double TargetSeconds = 60;
    private const double TargetBytes = 2L * 1024 * 1024 * 1024;
    private static readonly DateOnly Today = new(2026, 11, 23);

    public static async Task<int> RunAsync(string[] args)
    {
        var residents = args.Length == 2 && args[0] == "--residents" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        await BenchDatabases.OnEachAsync("bench", async (provider, connection) =>
        {
            await RunOnceAsync(provider, connection, residents);
            return true;
        });
        return 0;
    }

    private static async Task RunOnceAsync(string provider, string connectionString, int residents)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nara:Database:Provider"] = provider,
            ["Nara:Database:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddNaraPersistence(configuration).BuildServiceProvider();
        await using (services)
        {
            await PersistenceSetup.MigrateAsync(services, CancellationToken.None);
            var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
            GC.Collect();
            var clock = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            var counts = await SyntheticRegion.GenerateAndWriteAsync(db, content, 42, residents, Today, CancellationToken.None,
                step => Console.WriteLine($"  [{provider}] {step}"));
            clock.Stop();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generate {provider}: {counts.Residents} residents, {counts.Total} rows ({counts.Encounters} encounters) in {clock.Elapsed.TotalSeconds:0.0} s " +
                $"= {counts.Total / clock.Elapsed.TotalSeconds:0} rows/s; ratio to 60 s target {clock.Elapsed.TotalSeconds / TargetSeconds:0.00}; " +
                $"peak working set {peak / (1024.0 * 1024.0):0} MiB, ratio to 2 GiB target {peak / TargetBytes:0.00} (process peak so far)"));
        }
    }

    internal static async Task ExecAsync(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
