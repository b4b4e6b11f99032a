using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Bench;

/// <summary>
/// <c>patient-search [--residents N] [--seconds S] [--clients C] [--warmup S] [--rare]</c>: a nurse at a vårdcentral of the
/// generated region searches the region's most common surname (<c>/fhir/Patient?name=…&amp;_count=10</c>), and reads
/// listed patients (<c>/fhir/Patient/{id}</c>), from C client loops over HTTP; throughput and p50/p95/p99 of each, on
/// SQLite and (with NARA_TEST_POSTGRES) PostgreSQL. Targets (issue 13): search p95 ≤ 50 ms and ≥ 2,000 searches/s at 16
/// connections on the 5,000-resident region; read p99 ≤ 25 ms. Then the peer in the same run (issue 13 point 7): Medplum's
/// FHIR router from npm on its in-memory repository (bench/peer-medplum, installed with npm on first use), holding the
/// same number of patients and of the same surname, under the same load; the ratios are printed.
/// </summary>
public static class PatientSearchBench
{
    private static bool Rare;
    private static string PeerSurname = "";
    private static int PeerMatches;
    private static readonly List<(string Provider, double Search, double Read)> Measured = [];

    public static async Task<int> RunAsync(string[] args)
    {
        Rare = args.Contains("--rare");
        var residents = Option(args, "--residents", 5000);
        var seconds = Option(args, "--seconds", 10);
        var clients = Option(args, "--clients", 16);
        var warmup = Option(args, "--warmup", 20);
        History = Option(args, "--history", 0);
        var met = await BenchDatabases.OnEachAsync("patient-search", (provider, connection) => RunOnceAsync(provider, connection, residents, seconds, clients, warmup));
        if (!args.Contains("--no-peer"))
        {
            await PeerAsync(residents, seconds, clients, warmup);
        }
        return met ? 0 : 1;
    }

    // Medplum's FHIR router over HTTP in a Node process: no database, no access rules, no audit, so it is the cost of
    // HTTP, FHIR search and JSON in a maintained FHIR server library (a generous peer: Nära also decides access and
    // writes an audit row per person shown).
    private static async Task PeerAsync(int residents, int seconds, int clients, int warmup)
    {
        var folder = FindPeerFolder();
        if (folder is null || PeerSurname.Length == 0)
        {
            Console.WriteLine("peer: bench/peer-medplum not found; skipped");
            return;
        }
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            using var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = folder, RedirectStandardOutput = true })!;
            await install.WaitForExitAsync();
            if (install.ExitCode != 0)
            {
                Console.WriteLine("peer: npm ci failed; skipped");
                return;
            }
        }
        var port = 18000 + Random.Shared.Next(1000);
        using var node = Process.Start(new ProcessStartInfo("node", $"server.mjs {port} {residents} {PeerSurname} {PeerMatches}")
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        try
        {
            var ready = await node.StandardOutput.ReadLineAsync() ?? "";
            if (!ready.StartsWith("ready ", StringComparison.Ordinal))
            {
                Console.WriteLine($"peer: did not start ({ready}{await node.StandardError.ReadToEndAsync()})");
                return;
            }
            var one = ready["ready ".Length..];
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
            using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            string Search(int i) => $"/fhir/Patient?name={PeerSurname}&_count=10";
            string Read(int i) => $"/fhir/Patient/{one}";
            await LoadAsync(http, Search, clients, warmup / 2);
            await LoadAsync(http, Read, clients, warmup / 2);
            node.Refresh();
            var before = node.TotalProcessorTime;
            var search = await LoadAsync(http, Search, clients, seconds);
            node.Refresh();
            var middle = node.TotalProcessorTime;
            var read = await LoadAsync(http, Read, clients, seconds);
            node.Refresh();
            var after = node.TotalProcessorTime;
            Console.WriteLine($"peer: Medplum FHIR router {PeerVersion(folder)} on its in-memory repository, Node {await NodeVersionAsync()}; {residents} patients, {PeerMatches} named {PeerSurname}");
            Console.WriteLine(Line("name search", search) + string.Create(CultureInfo.InvariantCulture, $"  CPU/request: Node {(middle - before).TotalMicroseconds / (search.Rate * seconds):F0} µs"));
            Console.WriteLine(Line("read", read) + string.Create(CultureInfo.InvariantCulture, $"  CPU/request: Node {(after - middle).TotalMicroseconds / (read.Rate * seconds):F0} µs"));
            foreach (var (provider, s, r) in Measured)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Nära on {provider} / peer: name search {s / search.Rate:F2}, read {r / read.Rate:F2}"));
            }
        }
        finally
        {
            node.Kill(entireProcessTree: true);
        }
    }

    private static string? FindPeerFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peer-medplum");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }
        return null;
    }

    private static string PeerVersion(string folder) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "package.json"))).RootElement.GetProperty("dependencies").GetProperty("@medplum/fhir-router").GetString() ?? "?";

    private static async Task<string> NodeVersionAsync()
    {
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        return (await node.StandardOutput.ReadToEndAsync()).Trim();
    }

    private static async Task<bool> RunOnceAsync(string provider, string connection, int residentCount, int seconds, int clients, int warmup)
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
        string surname;
        Guid nurse;
        Guid unit;
        List<Guid> listed;
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
            var today = Nara.Platform.Time.Stockholm.Today(nara.Services.GetRequiredService<TimeProvider>());
            await Nara.Modules.Synthetic.SyntheticRegion.GenerateAndWriteAsync(db, content, 42, residentCount, today, CancellationToken.None);
            // --rare: the least common surname instead, so the cost of reading every resident shows apart from the
            // cost of deciding access for many matches.
            var names = db.Set<Resident>().GroupBy(r => r.FamilyName).Select(g => new { g.Key, Count = g.Count() });
            var chosen = await (Rare ? names.OrderBy(g => g.Count) : names.OrderByDescending(g => g.Count)).ThenBy(g => g.Key).FirstAsync();
            surname = chosen.Key;
            (PeerSurname, PeerMatches) = (chosen.Key, chosen.Count);
            // The vårdcentral with the most listed residents, and a nurse there.
            var biggest = await db.Set<Listing>().Where(l => l.To == null).GroupBy(l => l.UnitId).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).FirstAsync();
            unit = biggest.Key.Value;
            nurse = (await db.Set<StaffMember>().Where(s => s.Role == StaffRole.Vardpersonal && s.Assignments.Any(a => a.UnitId == biggest.Key))
                .OrderBy(s => s.HsaId).Select(s => s.Id).FirstAsync()).Value;
            listed = (await db.Set<Listing>().Where(l => l.UnitId == biggest.Key && l.To == null).OrderBy(l => l.ResidentId).Take(2000)
                .Select(l => l.ResidentId).ToListAsync()).Select(r => r.Value).ToList();
            if (History > 0)
            {
                await AddHistoryAsync(db, biggest.Key, nara.Services.GetRequiredService<TimeProvider>().GetUtcNow());
            }
        }
        // A fresh region's first slot generation (weeks of times for every unit) runs once after start; done here, before
        // the host starts, so the bench measures the steady state rather than that one-off run (its cost is printed).
        var slots = Stopwatch.StartNew();
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            var added = (await scope.ServiceProvider.GetRequiredService<Nara.Modules.Booking.Features.GenerateSlots>().AllUnitsAsync(CancellationToken.None)).Added;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first slot generation: {added} times in {slots.Elapsed.TotalSeconds:F1} s (before the host starts)"));
        }
        await nara.StartAsync();
        var url = nara.Urls.First();
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
        (await http.PostAsJsonAsync("/api/auth/demo", new { kind = "staff", id = nurse, unitId = unit })).EnsureSuccessStatusCode();
        var counted = await http.GetAsync($"/fhir/Patient?name={surname}&_count=10&_total=accurate");
        counted.EnsureSuccessStatusCode();
        var bundle = Nara.Fhir.FhirJson.Parse(await counted.Content.ReadAsStringAsync()) as Hl7.Fhir.Model.Bundle;
        Console.WriteLine($"patient-search {provider}: {residentCount} residents; '{surname}' matches {bundle?.Total} people the nurse may see; {clients} clients, {seconds} s after {warmup} s warm-up");

        string Search(int i) => $"/fhir/Patient?name={surname}&_count=10";
        string Read(int i) => $"/fhir/Patient/{listed[i % listed.Count]}";
        await LoadAsync(http, Search, clients, warmup / 2);
        await LoadAsync(http, Read, clients, warmup / 2);
        // CPU per request: this process (the host and the load generator together) and, on PostgreSQL, the server's.
        var (searchCpu, searchServer) = (Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu.Now());
        var search = await LoadAsync(http, Search, clients, seconds);
        var searchUse = (Process.GetCurrentProcess().TotalProcessorTime - searchCpu, PostgresCpu.Now() - searchServer);
        var (readCpu, readServer) = (Process.GetCurrentProcess().TotalProcessorTime, PostgresCpu.Now());
        var read = await LoadAsync(http, Read, clients, seconds);
        var readUse = (Process.GetCurrentProcess().TotalProcessorTime - readCpu, PostgresCpu.Now() - readServer);
        Console.WriteLine(Line("name search", search) + PerRequest(searchUse, search.Rate * seconds, provider));
        Console.WriteLine(Line("read", read) + PerRequest(readUse, read.Rate * seconds, provider));
        Measured.Add((provider, search.Rate, read.Rate));
        var met = search.Rate >= 2000 && search.P95 <= 50 && read.P99 <= 25;
        Console.WriteLine($"targets (search >= 2,000/s and p95 <= 50 ms; read p99 <= 25 ms): {(met ? "met" : "NOT met")}");
        await nara.StopAsync();
        return met;
    }

    // --history N: N bookings over the last four weeks and N / 2 closed triage cases from the past year at the unit, as a
    // busy vårdcentral has; the access rules probe both for every row of a search page (docs/benchmarks.md, seventh step).
    private static int History;

    private static async Task AddHistoryAsync(NaraDbContext db, UnitId unit, DateTimeOffset now)
    {
        var random = new Random(42);
        var residents = await db.Set<Resident>().Select(r => r.Id).ToListAsync();
        await db.Database.OpenConnectionAsync();
        for (var batch = 0; batch < History; batch += 1_000)
        {
            var appointments = Enumerable.Range(batch, Math.Min(1_000, History - batch)).Select(i => new Nara.Modules.Booking.Domain.Appointment
            {
                SlotId = StrongId.New<Nara.Modules.Booking.Contracts.SlotId>(),
                UnitId = unit,
                ResidentId = residents[random.Next(residents.Count)],
                Status = Nara.Modules.Booking.Contracts.AppointmentStatus.Genomford,
                Start = now.AddMinutes(-i * 40_320.0 / History),
                BookedAt = now.AddDays(-30),
                BookedBy = Guid.Empty,
            }).ToList();
            await using var insert = db.Database.GetDbConnection().CreateCommand();
            ModelTable.For<Nara.Modules.Booking.Domain.Appointment>(db).PrepareInsert(insert, appointments);
            await insert.ExecuteNonQueryAsync();
        }
        for (var batch = 0; batch < History / 2; batch += 1_000)
        {
            var cases = Enumerable.Range(batch, Math.Min(1_000, History / 2 - batch)).Select(i => new Nara.Modules.Triage.Domain.TriageCase
            {
                AssessmentId = StrongId.New<Nara.Modules.Triage.Contracts.AssessmentId>(),
                ResidentId = residents[random.Next(residents.Count)],
                UnitId = unit,
                ComplaintId = "annat",
                EngineUrgency = Nara.Modules.Triage.Contracts.Urgency.VardInomDagar,
                SummaryJson = "{}",
                SentBy = Guid.Empty,
                Status = Nara.Modules.Triage.Domain.CaseStatus.Stangd,
                CreatedAt = now.AddDays(-400).AddMinutes(i),
                ClosedAt = now.AddDays(-399).AddMinutes(i),
            }).ToList();
            await using var insert = db.Database.GetDbConnection().CreateCommand();
            ModelTable.For<Nara.Modules.Triage.Domain.TriageCase>(db).PrepareInsert(insert, cases);
            await insert.ExecuteNonQueryAsync();
        }
        await db.Database.CloseConnectionAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  history at the unit: {History} bookings over four weeks, {History / 2} closed triage cases"));
    }

    private static string PerRequest((TimeSpan App, TimeSpan Server) used, double requests, string provider) =>
        string.Create(CultureInfo.InvariantCulture, $"  CPU/request: process {used.App.TotalMicroseconds / requests:F0} µs{(provider == "postgres" ? $", PostgreSQL {used.Server.TotalMicroseconds / requests:F0} µs" : "")}");

    private static string Line(string name, (double Rate, double P50, double P95, double P99) r) =>
        string.Create(CultureInfo.InvariantCulture, $"  {name,-12} {r.Rate,8:F0}/s  p50 {r.P50,6:F1} ms  p95 {r.P95,6:F1} ms  p99 {r.P99,6:F1} ms");

    private static async Task<(double Rate, double P50, double P95, double P99)> LoadAsync(HttpClient http, Func<int, string> url, int clients, int seconds)
    {
        var stop = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(Math.Max(1, seconds));
        var all = new List<double>[clients];
        var loops = Enumerable.Range(0, clients).Select(async c =>
        {
            var times = all[c] = new List<double>(4096);
            var i = c * 7919;
            while (stop.Elapsed < deadline)
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync(url(i++), HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        });
        await Task.WhenAll(loops);
        var sorted = all.SelectMany(t => t).Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
        return (sorted.Count / stop.Elapsed.TotalSeconds, At(0.50), At(0.95), At(0.99));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
