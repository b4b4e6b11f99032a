using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;
using Nara.Platform.Persistence;

namespace Nara.Bench;

/// <summary>
/// En väg in: knowledge base load and validation time; complete assessments per second evaluated in process (the
/// engine alone, answering every question it asks); and per-step latency over HTTP with concurrent residents, each
/// signed in with their own cookie, starting an assessment and answering until the result (SQLite).
/// </summary>
public static class TriageBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = ContentFolder.Find(null, "triage");
        var sw = Stopwatch.StartNew();
        var knowledge = KnowledgeLoader.Load(folder);
        var cold = sw.Elapsed;
        sw.Restart();
        const int loads = 10;
        for (var i = 0; i < loads; i++)
        {
            KnowledgeLoader.Load(folder);
        }
        var warm = sw.Elapsed / loads;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"knowledge base: {knowledge.Complaints.Count} complaints; load and validation {cold.TotalMilliseconds:F0} ms cold (first in process, with JIT), {warm.TotalMilliseconds:F1} ms warm (target <= 1000 ms)"));

        Search(knowledge, folder);

        var engine = new TriageEngine(knowledge);
        InProcess(engine, 2_000);
        var seconds = Option(args, "--seconds", 5);
        var (rate, steps) = InProcess(engine, seconds * 1000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in process: {rate:F0} complete assessments/s, {steps:F1} questions each on average (target >= 20,000/s, one thread)"));

        if (!args.Contains("--no-http"))
        {
            // With no pause between answers each client is a load generator, not a person: it shows the capacity.
            // With a pause (a quick reader answers a question in a second or two) it is 50 people at once.
            await OverHttpAsync(Option(args, "--clients", 50), seconds, thinkMs: 0, warmup: Option(args, "--warmup", 40));
            await OverHttpAsync(Option(args, "--clients", 50), seconds, thinkMs: Option(args, "--think-ms", 1000), warmup: Option(args, "--warmup", 40));
        }
        return 0;
    }

    // The complaint search and the emergency check over the everyday phrases the tests use, each timed alone (in process).
    private static void Search(KnowledgeBase knowledge, string folder)
    {
        var list = Path.GetFullPath(Path.Combine(folder, "..", "..", "tests", "Nara.Tests", "Modules", "Triage", "Data", "lay-phrases.yaml"));
        if (!File.Exists(list))
        {
            Console.WriteLine($"complaint search: skipped ({list} not found)");
            return;
        }
        var phrases = PhraseList.LoadPhrases(list);
        foreach (var p in phrases)
        {
            ComplaintSearch.Emergency(knowledge, p.Text);
            ComplaintSearch.Search(knowledge, p.Text, p.Subject);
        }
        var times = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var p in phrases)
            {
                var sw = Stopwatch.StartNew();
                ComplaintSearch.Emergency(knowledge, p.Text);
                ComplaintSearch.Search(knowledge, p.Text, p.Subject);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        double At(double q) => times[(int)Math.Min(times.Count - 1, Math.Floor(q * times.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"complaint search (emergency check + search, {phrases.Count} everyday phrases x 5): p50 {At(0.50):F2} ms, p95 {At(0.95):F2} ms, p99 {At(0.99):F2} ms (target p95 <= 5 ms)"));
    }

    // Random complaint, random person it applies to, random answers (seeded): every question the engine asks is answered.
    private static (double Rate, double Steps) InProcess(TriageEngine engine, int milliseconds)
    {
        var random = new Random(42);
        var complaints = engine.Knowledge.Complaints;
        var sw = Stopwatch.StartNew();
        long done = 0;
        long questions = 0;
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (sw.ElapsedMilliseconds < milliseconds)
        {
            var complaint = complaints[random.Next(complaints.Count)];
            var subject = new TriageSubject(random.Next(0, 90 * 12), random.Next(2) == 0 ? TriageSubject.Woman : TriageSubject.Man);
            if (!ComplaintSearch.AppliesTo(complaint, subject))
            {
                continue;
            }
            answers.Clear();
            while (true)
            {
                var step = engine.Next(complaint, subject, answers);
                if (step.Outcome is not null)
                {
                    break;
                }
                var q = step.Next!;
                answers[q.Id] = q.Type switch
                {
                    QuestionType.YesNo => random.Next(10) switch { 0 => TriageEngine.Yes, 1 => TriageEngine.DontKnow, _ => TriageEngine.No },
                    QuestionType.Choice => q.Options[random.Next(q.Options.Count)].Id,
                    _ when random.Next(10) == 0 => TriageEngine.DontKnow,
                    _ => (q.Min!.Value + (q.Max!.Value - q.Min.Value) * (decimal)random.NextDouble()).ToString("F1", CultureInfo.InvariantCulture),
                };
                questions++;
            }
            done++;
        }
        return (done / sw.Elapsed.TotalSeconds, (double)questions / Math.Max(1, done));
    }

    private static async Task OverHttpAsync(int clients, int seconds, int thinkMs, int warmup)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"nara-triage-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        try
        {
            await using var nara = NaraHost.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--Nara:Database:Provider", "sqlite",
                "--Nara:Database:ConnectionString", $"Data Source={Path.Combine(dataDir, "bench.db")}",
                "--Logging:LogLevel:Default", "Warning",
                .. AppProcess.Unlimited,
            ]);
            await PersistenceSetup.MigrateAsync(nara.Services, CancellationToken.None);
            var residents = await SeedAsync(nara.Services, clients);
            await nara.StartAsync();
            var url = nara.Urls.First();
            var http = new List<HttpClient>();
            foreach (var id in residents)
            {
                var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(url) };
                (await client.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id })).EnsureSuccessStatusCode();
                http.Add(client);
            }
            // Warm up without pauses long enough for tiered JIT to finish: the hot paths run QuickJitted, then instrumented
            // (dynamic PGO), for tens of seconds on two cores before the optimised code takes over.
            await LoadAsync(http, warmup, 0);
            var (latencies, assessments, elapsed) = await LoadAsync(http, Math.Max(seconds, thinkMs > 0 ? 20 : 0), thinkMs);
            latencies.Sort();
            double P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Floor(q * latencies.Count))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"over HTTP, {clients} residents, {thinkMs} ms between answers: {latencies.Count / elapsed:F0} steps/s, {assessments / elapsed:F0} assessments/s; per step p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms (target p95 <= 50 ms)"));
            foreach (var client in http)
            {
                client.Dispose();
            }
            await nara.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static readonly string[] Complaints = ["brostsmarta", "annat"];

    // Each resident starts an assessment and answers "nej" (or the first option, or a mid-range number) until the result.
    private static async Task<(List<double> Latencies, int Assessments, double Seconds)> LoadAsync(List<HttpClient> clients, int seconds, int thinkMs)
    {
        var latencies = new List<double>();
        var assessments = 0;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (client, n) =>
        {
            var mine = new List<double>();
            var count = 0;
            var random = new Random(n);
            while (sw.Elapsed.TotalSeconds < seconds)
            {
                var t = Stopwatch.GetTimestamp();
                var response = await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = Complaints[n % Complaints.Length] });
                var view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                response.EnsureSuccessStatusCode();
                var id = view.GetProperty("id").GetGuid();
                while (view.GetProperty("question").ValueKind == JsonValueKind.Object)
                {
                    var q = view.GetProperty("question");
                    var value = q.GetProperty("type").GetString() switch
                    {
                        "YesNo" => "nej",
                        "Choice" => q.GetProperty("options")[0].GetProperty("id").GetString(),
                        _ => ((q.GetProperty("min").GetDecimal() + q.GetProperty("max").GetDecimal()) / 2).ToString(CultureInfo.InvariantCulture),
                    };
                    if (thinkMs > 0)
                    {
                        await Task.Delay(thinkMs / 2 + random.Next(thinkMs));
                    }
                    t = Stopwatch.GetTimestamp();
                    response = await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q.GetProperty("id").GetString(), value });
                    view = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                    mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    response.EnsureSuccessStatusCode();
                }
                count++;
            }
            lock (latencies)
            {
                latencies.AddRange(mine);
                assessments += count;
            }
        }));
        return (latencies, assessments, sw.Elapsed.TotalSeconds);
    }

    private static async Task<List<Guid>> SeedAsync(IServiceProvider services, int count)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        var (unit, ids) = BenchSeed.AddUnitWithResidents(db, "SE2321000065-SYNTRIAGE1", count, new DateOnly(1960, 1, 1), 37);
        await db.SaveChangesAsync();
        return ids;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
