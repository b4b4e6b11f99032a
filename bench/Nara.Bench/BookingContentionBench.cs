using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Persistence;
using Npgsql;

namespace Nara.Bench;

/// <summary>
/// Issue 4's contention target: 200 concurrent clients (each its own signed-in resident) try to book the same 20 slots,
/// ten per slot, released at once, half of them through a second app process on the same database. Expected: exactly 20 bookings and 180 refusals with "Tiden är redan bokad".
/// Runs on SQLite, and on PostgreSQL when NARA_TEST_POSTGRES is set.
/// </summary>
public static class BookingContentionBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = 200;
        var slots = 20;
        var dataDir = Path.Combine(Path.GetTempPath(), $"nara-booking-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var ok = true;
        try
        {
            ok &= await RunOnceAsync("sqlite", $"Data Source={Path.Combine(dataDir, "bench.db")}", clients, slots);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
        var admin = Environment.GetEnvironmentVariable("NARA_TEST_POSTGRES");
        if (!string.IsNullOrEmpty(admin))
        {
            var database = $"nara_booking_bench_{Environment.ProcessId}";
            await GenerateBenchmark.ExecAsync(admin, $"CREATE DATABASE {database}");
            try
            {
                // Two app processes share the server: each node's pool must leave room for the other (and for the
                // server's other databases) within max_connections, as in production with several nodes.
                var perNode = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 40 }.ConnectionString;
                ok &= await RunOnceAsync("postgres", perNode, clients, slots);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await GenerateBenchmark.ExecAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(string provider, string connectionString, int clientCount, int slotCount)
    {
        await using var nara = NaraHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Nara:Database:Provider", provider,
            "--Nara:Database:ConnectionString", connectionString,
            "--Logging:LogLevel:Default", "Warning",
            .. AppProcess.Unlimited,
        ]);
        await PersistenceSetup.MigrateAsync(nara.Services, CancellationToken.None);
        var (residents, slotIds) = await SeedAsync(nara.Services, clientCount, slotCount);
        await nara.StartAsync();
        // A second app process on the same database: half the clients book through it, so the race is also between
        // processes that share nothing but the database.
        using var second = await AppProcess.StartAsync(provider, connectionString);
        string[] urls = [nara.Urls.First(), second.Url];
        var http = new List<HttpClient>();
        foreach (var id in residents)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(urls[http.Count % 2]) };
            (await client.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id })).EnsureSuccessStatusCode();
            http.Add(client);
        }
        using var gate = new SemaphoreSlim(0);
        var attempts = http.Select(async (client, i) =>
        {
            await gate.WaitAsync();
            using var response = await client.PostAsJsonAsync($"/api/booking/slots/{slotIds[i % slotIds.Count]}/book", new { });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, body);
        }).ToList();
        gate.Release(http.Count);
        var results = await Task.WhenAll(attempts);
        int booked;
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            booked = await db.Set<Appointment>().CountAsync(a => a.Status == AppointmentStatus.Bokad);
        }
        var created = results.Count(r => r.StatusCode == HttpStatusCode.Created);
        var refused = results.Count(r => r.StatusCode == HttpStatusCode.Conflict && r.body.Contains("redan bokad", StringComparison.Ordinal));
        var other = results.Length - created - refused;
        foreach (var (status, body) in results.Where(r => r.StatusCode != HttpStatusCode.Created && !(r.StatusCode == HttpStatusCode.Conflict && r.body.Contains("redan bokad", StringComparison.Ordinal))).Take(3))
        {
            Console.WriteLine($"  other answer: {(int)status} {body[..Math.Min(300, body.Length)]}");
        }
        var ok = created == slotCount && booked == slotCount && refused == clientCount - slotCount && other == 0;
        Console.WriteLine($"{provider}: {clientCount} clients over 2 app processes, {slotCount} slots: {created} booked (database: {booked} active bookings), {refused} refused with \"Tiden är redan bokad\", {other} other answers: {(ok ? "as required" : "NOT as required")}");
        foreach (var client in http)
        {
            client.Dispose();
        }
        await nara.StopAsync();
        return ok;
    }

    private static async Task<(List<Guid> Residents, List<Guid> Slots)> SeedAsync(IServiceProvider services, int residents, int slots)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var (unit, ids) = BenchSeed.AddUnitWithResidents(db, "SE2321000065-SYNBOOK1", residents, new DateOnly(1950, 1, 1), 53);
        var start = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(8);
        var slotList = Enumerable.Range(0, slots).Select(i => new Slot
        {
            UnitId = unit.Id,
            Type = SlotType.Besok,
            Start = new DateTimeOffset(start.AddMinutes(20 * i), TimeSpan.Zero),
            End = new DateTimeOffset(start.AddMinutes(20 * i + 20), TimeSpan.Zero),
            WebBookable = true,
        }).ToList();
        db.AddRange(slotList);
        await db.SaveChangesAsync();
        return (ids, slotList.Select(s => s.Id.Value).ToList());
    }
}
