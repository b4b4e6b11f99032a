using Npgsql;

namespace Nara.Bench;

/// <summary>
/// Runs a bench once on a fresh SQLite file and, when NARA_TEST_POSTGRES names a server, once on a fresh PostgreSQL
/// database, removing both afterwards. The run gets the provider name and the connection string.
/// </summary>
internal static class BenchDatabases
{
    public static async Task<bool> OnEachAsync(string name, Func<string, string, Task<bool>> run)
    {
        var ok = true;
        var file = Path.Combine(Path.GetTempPath(), $"nara-{name}-{Environment.ProcessId}.db");
        try
        {
            ok &= await run("sqlite", $"Data Source={file}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(f);
            }
        }
        var admin = Environment.GetEnvironmentVariable("NARA_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(admin))
        {
            var database = $"nara_{name.Replace('-', '_')}_{Environment.ProcessId}";
            await GenerateBenchmark.ExecAsync(admin, $"CREATE DATABASE {database}");
            try
            {
                ok &= await run("postgres", new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await GenerateBenchmark.ExecAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
        return ok;
    }
}
