using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Persistence;
using Npgsql;

namespace Nara.Bench;

/// <summary>
/// Issue 4's two remaining booking targets, on PostgreSQL (NARA_TEST_POSTGRES):
/// <list type="bullet">
/// <item><c>booking-throughput</c>: bookings per second through HTTP (each client its own resident, booking its own free
/// slots) against pgbench running an equivalent single-row INSERT … ON CONFLICT transaction on the same server in the
/// same run. Target: at least 40 % of pgbench.</item>
/// <item><c>slot-search</c>: the full 200,000-resident region with every vårdcentral's schedules 12 weeks ahead; residents
/// search free times over HTTP (random unit, type and start date). Target: p95 at most 50 ms. Also runs on SQLite.</item>
/// </list>
/// </summary>
public static class BookingBench
{
    public static async Task<int> ThroughputAsync(string[] args)
    {
        var clients = Option(args, "--clients", 16);
        var seconds = Option(args, "--seconds", 10);
        var warmup = Option(args, "--warmup", 30);
        var admin = Environment.GetEnvironmentVariable("NARA_TEST_POSTGRES");
        if (string.IsNullOrEmpty(admin))
        {
            Console.WriteLine("booking-throughput behöver PostgreSQL: sätt NARA_TEST_POSTGRES.");
            return 1;
        }
        var database = $"nara_booking_tp_{Environment.ProcessId}";
        await GenerateBenchmark.ExecAsync(admin, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            // The same shape of write as a booking: one row with a uuid key, the slot, times and status, into a table with a
            // partial unique index on the active slot, ON CONFLICT DO NOTHING, one transaction per row.
            await GenerateBenchmark.ExecAsync(connection,
                "CREATE TABLE pgbench_booking (id uuid PRIMARY KEY, slot_id uuid NOT NULL, resident_id uuid NOT NULL, unit_id uuid NOT NULL, " +
                "status varchar(40) NOT NULL, start_at timestamptz NOT NULL, booked_at timestamptz NOT NULL, booked_by uuid NOT NULL); " +
                "CREATE UNIQUE INDEX ux_pgbench_booking_active ON pgbench_booking (slot_id) WHERE status = 'Bokad';");
            var pgbench = await PgbenchAsync(connection, clients, seconds, "single-row insert",
                "INSERT INTO pgbench_booking VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'Bokad', now(), now(), gen_random_uuid()) " +
                "ON CONFLICT (slot_id) WHERE status = 'Bokad' DO NOTHING;");
            var nara = await HttpBookingsAsync(connection, clients, seconds, warmup);
            // The ceiling for any app: what a booking must write in its one transaction (the appointment, its audit event,
            // the confirmation and the reminder), into Nära's own tables with their indexes, sent by pgbench as one
            // statement string (one round trip, no app, no reads, no HTTP).
            var floor = await PgbenchAsync(connection, clients, seconds, "a booking's own rows in one round trip", MinimalBookingTransaction);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"booking-throughput: Nära over HTTP {nara:0} bookings/s, pgbench single-row INSERT … ON CONFLICT {pgbench:0} tps ({clients} clients, {seconds} s each); ratio {nara / pgbench:P1} (target ≥ 40 %)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"booking-throughput: ceiling without any app: a booking's rows (appointment, audit event, two outbox messages) in one round trip {floor:0} tps = {floor / pgbench:P1} of the single-row insert; Nära reaches {nara / floor:P1} of that"));
            return nara / pgbench >= 0.40 ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await GenerateBenchmark.ExecAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    // What a booking writes in its transaction, at the least, as pgbench runs it: one statement string (\; joins
    // statements into one query), so one round trip. Column lists name only what has no default.
    private const string MinimalBookingTransaction =
        "BEGIN \\; " +
        "INSERT INTO booking_appointments (\"Id\", \"SlotId\", \"UnitId\", \"ResidentId\", \"Status\", \"Start\", \"BookedAt\", \"BookedBy\") " +
        "VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'Bokad', now(), now(), gen_random_uuid()) " +
        "ON CONFLICT (\"SlotId\") WHERE \"Status\" = 'Bokad' DO NOTHING \\; " +
        "INSERT INTO access_audit_events (\"Action\", \"ActorId\", \"ActorName\", \"ActorRole\", \"At\", \"Basis\", \"Flagged\", \"Outcome\", \"ResidentId\", \"Resource\") " +
        "VALUES ('Write', gen_random_uuid(), 'Test Bänk', 'Invanare', now(), 'Self', false, 'Allowed', gen_random_uuid(), 'Bokning') \\; " +
        "INSERT INTO outbox_messages (\"Recipient\", \"Kind\", \"Subject\", \"Body\", \"Reference\", \"CreatedAt\", \"SendAt\", \"Status\", \"Attempts\", \"NextAttemptAt\") VALUES " +
        "(gen_random_uuid(), 'Bokningsbekräftelse', 'Din bokning', 'Du har en bokad tid torsdag 26 november 2026 kl. 10:40. Logga in i Nära för detaljer.', 'booking:0123456789abcdef0123456789abcdef', now(), now(), 'Pending', 0, now()), " +
        "(gen_random_uuid(), 'Påminnelse', 'Påminnelse om din tid', 'Påminnelse: du har en bokad tid torsdag 26 november 2026 kl. 10:40. Logga in i Nära för detaljer.', 'booking:0123456789abcdef0123456789abcdef', now(), now() + interval '2 days', 'Pending', 0, now() + interval '2 days') \\; " +
        "COMMIT;";

    private static async Task<double> PgbenchAsync(string connection, int clients, int seconds, string label, string sql)
    {
        var script = Path.Combine(Path.GetTempPath(), $"nara-pgbench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, sql + "\n");
        var b = new NpgsqlConnectionStringBuilder(connection);
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().Last();
        var info = new ProcessStartInfo(Path.Combine(bin, "bin", "pgbench"),
            ["-n", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture),
             "-f", script, "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!, b.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!string.IsNullOrEmpty(b.Password))
        {
            info.Environment["PGPASSWORD"] = b.Password;
        }
        var postgres = PostgresCpu.Now();
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("pgbench gave no tps: " + output + await process.StandardError.ReadToEndAsync());
        var tps = double.Parse(line[6..].Split(' ')[0], CultureInfo.InvariantCulture);
        await Task.Delay(1000); // the server reaps the exited backends (and counts their CPU) a moment after pgbench ends
        var processed = output.Split('\n').FirstOrDefault(l => l.StartsWith("number of transactions actually processed: ", StringComparison.Ordinal));
        if (processed is not null && PostgresCpu.Now() - postgres is { } used && used > TimeSpan.Zero)
        {
            var count = long.Parse(processed.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"booking-throughput: pgbench, {label}: {tps:0} tps, PostgreSQL CPU per transaction {used.TotalMicroseconds / count:0} µs"));
        }
        return tps;
    }

    private static async Task<double> HttpBookingsAsync(string connection, int clientCount, int seconds, int warmup)
    {
        // Enough free slots that no client runs out: a generous upper bound on bookings per client.
        var perClient = 400 * (seconds + warmup);
        List<Guid> residents, slots;
        await using (var setup = NaraHost.Build(
        [
            "--Nara:Database:Provider", "postgres",
            "--Nara:Database:ConnectionString", connection,
            "--Logging:LogLevel:Default", "Warning",
            .. AppProcess.Unlimited,
        ]))
        {
            await PersistenceSetup.MigrateAsync(setup.Services, CancellationToken.None);
            (residents, slots) = await SeedAsync(setup.Services, clientCount, clientCount * perClient);
        }
        // The app runs as its own process, as in production (its own runtime settings, server GC), and this process is
        // only the load generator: the CPU each side uses is measured apart.
        // NARA_BENCH_SQL=1 makes the app log every SQL statement, to see what one booking costs in round trips.
        using var nara = await AppProcess.StartAsync("postgres", connection,
            Environment.GetEnvironmentVariable("NARA_BENCH_SQL") is null ? [] : ["--Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information"]);
        var http = new List<HttpClient>();
        foreach (var id in residents)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(nara.Url) };
            (await client.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id })).EnsureSuccessStatusCode();
            http.Add(client);
        }
        async Task<int> RunAsync(int client, TimeSpan duration, int offset)
        {
            var done = 0;
            var clock = Stopwatch.StartNew();
            for (var i = offset; clock.Elapsed < duration && i < perClient; i++)
            {
                using var response = await http[client].PostAsJsonAsync($"/api/booking/slots/{slots[client * perClient + i]}/book", new { });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"booking failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                done++;
            }
            return done;
        }
        // Warm-up books the first slots of each client; the measured run continues after them. It is long (30 s by
        // default) because the app process starts cold: for its first tens of seconds under load the runtime is still
        // compiling and re-optimising the hot code (tiered JIT with profile-guided optimisation), which a server that has
        // been up for a while does not pay. pgbench, compiled C, needs no warm-up.
        var warm = await Task.WhenAll(Enumerable.Range(0, clientCount).Select(c => RunAsync(c, TimeSpan.FromSeconds(warmup), 0)));
        var (appCpu, loadCpu, postgresCpu) = (nara.TotalProcessorTime, Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu.Now());
        var total = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, clientCount).Select(c => RunAsync(c, TimeSpan.FromSeconds(seconds), warm[c])));
        total.Stop();
        var booked = counts.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"booking-throughput: CPU per booking {(nara.TotalProcessorTime - appCpu).TotalMicroseconds / booked:0} µs in the app process, {(PostgresCpu.Now() - postgresCpu).TotalMicroseconds / booked:0} µs in PostgreSQL, {(Process.GetCurrentProcess().TotalProcessorTime - loadCpu).TotalMicroseconds / booked:0} µs in the load generator"));
        foreach (var client in http)
        {
            client.Dispose();
        }
        return booked / total.Elapsed.TotalSeconds;
    }

    private static async Task<(List<Guid> Residents, List<Guid> Slots)> SeedAsync(IServiceProvider services, int residents, int slots)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var (unit, ids) = BenchSeed.AddUnitWithResidents(db, "SE2321000065-SYNBOOK2", residents, new DateOnly(1950, 1, 1), 53);
        await db.SaveChangesAsync();
        var start = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.Date.AddDays(3);
        var slotIds = new List<Guid>(slots);
        // Multi-row INSERTs straight through the model's mapping (ModelTable): EF's change tracking would take minutes here.
        await db.Database.OpenConnectionAsync();
        for (var batch = 0; batch < slots; batch += 2_000)
        {
            var list = Enumerable.Range(batch, Math.Min(2_000, slots - batch)).Select(i => new Slot
            {
                UnitId = unit.Id,
                Type = SlotType.Besok,
                Start = new DateTimeOffset(start.AddMinutes(i), TimeSpan.Zero),
                End = new DateTimeOffset(start.AddMinutes(i + 1), TimeSpan.Zero),
                WebBookable = true,
            }).ToList();
            await using var insert = db.Database.GetDbConnection().CreateCommand();
            ModelTable.For<Slot>(db).PrepareInsert(insert, list);
            await insert.ExecuteNonQueryAsync();
            slotIds.AddRange(list.Select(s => s.Id.Value));
        }
        await db.Database.CloseConnectionAsync();
        return (ids, slotIds);
    }

    public static async Task<int> SlotSearchAsync(string[] args)
    {
        var residents = Option(args, "--residents", 200_000);
        var requests = Option(args, "--requests", 2000);
        var clients = Option(args, "--clients", 8);
        return await BenchDatabases.OnEachAsync("slot-search", (provider, connection) => SearchOnceAsync(provider, connection, residents, requests, clients)) ? 0 : 1;
    }

    private static async Task<bool> SearchOnceAsync(string provider, string connection, int residentCount, int requests, int clientCount)
    {
        await using var nara = NaraHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Nara:Database:Provider", provider,
            "--Nara:Database:ConnectionString", connection,
            "--Logging:LogLevel:Default", "Warning",
            .. AppProcess.Unlimited,
        ]);
        await PersistenceSetup.MigrateAsync(nara.Services, CancellationToken.None);
        List<Guid> units;
        List<Guid> people;
        long slotCount;
        DateOnly firstDay;
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
            var today = Nara.Platform.Time.Stockholm.Today(nara.Services.GetRequiredService<TimeProvider>());
            var counts = await Nara.Modules.Synthetic.SyntheticRegion.GenerateAndWriteAsync(db, content, 42, residentCount, today, CancellationToken.None, scheduleDays: 84);
            slotCount = counts.Slots;
            firstDay = today;
            units = (await db.Set<Slot>().Select(s => s.UnitId).Distinct().ToListAsync()).Select(u => u.Value).ToList();
            people = (await db.Set<Resident>().OrderBy(r => r.Id).Take(clientCount).Select(r => r.Id).ToListAsync()).Select(r => r.Value).ToList();
        }
        await nara.StartAsync();
        var url = nara.Urls.First();
        var http = new List<HttpClient>();
        foreach (var id in people)
        {
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url) };
            (await client.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id })).EnsureSuccessStatusCode();
            http.Add(client);
        }
        string[] types = ["", "&type=Besok", "&type=Video", "&type=Chatt"];
        async Task<List<double>> RunAsync(int client, int count, int seed)
        {
            var rng = new Random(seed);
            var times = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                var from = firstDay.AddDays(rng.Next(0, 70)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var query = $"/api/booking/free-slots?unitId={units[rng.Next(units.Count)]}&from={from}&days=14{types[rng.Next(types.Length)]}";
                var clock = Stopwatch.StartNew();
                using var response = await http[client].GetAsync(query);
                var body = await response.Content.ReadAsStringAsync();
                clock.Stop();
                if (response.StatusCode != HttpStatusCode.OK || JsonDocument.Parse(body).RootElement.GetProperty("slots").ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidOperationException($"search failed: {(int)response.StatusCode} {body}");
                }
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return times;
        }
        await Task.WhenAll(Enumerable.Range(0, clientCount).Select(c => RunAsync(c, 100, 1000 + c)));
        var all = (await Task.WhenAll(Enumerable.Range(0, clientCount).Select(c => RunAsync(c, requests / clientCount, c)))).SelectMany(t => t).Order().ToList();
        var p50 = all[all.Count / 2];
        var p95 = all[(int)(all.Count * 0.95)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"slot-search {provider}: {residentCount} residents, {units.Count} units with schedules, {slotCount} slots; {all.Count} searches by {clientCount} clients: p50 {p50:0.0} ms, p95 {p95:0.0} ms; ratio to the 50 ms target {p95 / 50:0.00}"));
        foreach (var client in http)
        {
            client.Dispose();
        }
        await nara.StopAsync();
        return p95 <= 50;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>
/// CPU time used by the local PostgreSQL server's processes (Linux /proc): user and system time of every process named
/// postgres, plus that of its exited children (a backend whose client disconnected), in clock ticks of 10 ms.
/// Zero where /proc is not there. Comparing it per transaction between pgbench and Nära shows what share of the gap is
/// the database's own work, which no app-side change can remove.
/// </summary>
internal static class PostgresCpu
{
    public static TimeSpan Now()
    {
        long ticks = 0;
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < 0 || stat[(open + 1)..close] != "postgres")
                {
                    continue;
                }
                // Fields after the name: state is field 3; utime, stime, cutime, cstime are fields 14–17.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // A process that ended meanwhile, or not ours to read.
            }
        }
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
