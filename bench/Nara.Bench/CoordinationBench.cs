using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Domain;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Persistence;

using static Nara.Bench.BenchTiming;

namespace Nara.Bench;

/// <summary>
/// <c>coordination [--residents N] [--requests R] [--conversations C] [--messages M]</c>: issue 15's targets on a generated
/// region with the modules' coordination at their rates (200,000 residents by default), on SQLite and, when
/// NARA_TEST_POSTGRES is set, PostgreSQL. (1) <c>/min-arbetsdag</c> for a nurse at the vårdcentral with the most listed
/// residents: p95 over R sequential page loads against 150 ms. (2) The person's plan page <c>/mina-sidor/min-plan</c>
/// for residents with a plan: p95 against 100 ms. (3) C concurrent conversations, each a resident writing M messages
/// over the API to a thread a nurse watches over SignalR: the time from sending to the nurse's connection having the
/// message, p95 against 1 s.
/// </summary>
public static class CoordinationBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var residents = Option(args, "--residents", 200_000);
        var requests = Option(args, "--requests", 200);
        var conversations = Option(args, "--conversations", 50);
        var messages = Option(args, "--messages", 20);
        var met = await BenchDatabases.OnEachAsync("coordination", (provider, connection) => RunOnceAsync(provider, connection, residents, requests, conversations, messages));
        return met ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(string provider, string connection, int residentCount, int requests, int conversations, int messageCount)
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
        Guid unit, nurse;
        List<Guid> writers, withPlan;
        int listedAtUnit;
        var generation = Stopwatch.StartNew();
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
            var today = Nara.Platform.Time.Stockholm.Today(nara.Services.GetRequiredService<TimeProvider>());
            await Nara.Modules.Synthetic.SyntheticRegion.GenerateAndWriteAsync(db, content, 42, residentCount, today, CancellationToken.None);
            await Nara.Modules.Synthetic.SyntheticModule.RunSeedersAsync(scope.ServiceProvider, db, 42, today, CancellationToken.None);
            var biggest = await db.Set<Listing>().Where(l => l.To == null).GroupBy(l => l.UnitId).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).FirstAsync();
            unit = biggest.Key.Value;
            listedAtUnit = biggest.Count;
            // The nurse with the most fixed-care-contact patients there: the fullest worklist.
            var busiest = await db.Set<FixedContact>().Where(f => f.UnitId == biggest.Key && f.To == null && f.Kind == Nara.Modules.Coordination.Contracts.FixedContactKind.FastVardkontakt)
                .GroupBy(f => f.StaffId).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).FirstOrDefaultAsync();
            nurse = busiest?.Key.Value ?? (await db.Set<StaffMember>().Where(s => s.Role == StaffRole.Vardpersonal && s.Assignments.Any(a => a.UnitId == biggest.Key))
                .OrderBy(s => s.HsaId).Select(s => s.Id).FirstAsync()).Value;
            writers = (await db.Set<Listing>().Where(l => l.UnitId == biggest.Key && l.To == null).OrderBy(l => l.ResidentId).Take(conversations)
                .Select(l => l.ResidentId).ToListAsync()).Select(r => r.Value).ToList();
            withPlan = (await db.Set<CarePlan>().Where(p => p.EndedAt == null).OrderBy(p => p.ResidentId).Take(50).Select(p => p.ResidentId).ToListAsync()).Select(r => r.Value).ToList();
            var (fixeds, plans, sips) = (await db.Set<FixedContact>().CountAsync(), await db.Set<CarePlan>().CountAsync(), await db.Set<Sip>().CountAsync());
            var (threads, referrals, stays) = (await db.Set<Nara.Modules.Messaging.Domain.MessageThread>().CountAsync(), await db.Set<Referral>().CountAsync(), await db.Set<DischargeStay>().CountAsync());
            var counts = string.Create(CultureInfo.InvariantCulture,
                $"{fixeds} fixed contacts, {plans} plans, {sips} SIPs, {threads} threads, {referrals} referrals, {stays} stays");
            Console.WriteLine($"coordination {provider}: {residentCount} residents generated with the modules' rows in {generation.Elapsed.TotalSeconds:F0} s: {counts}");
        }
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Nara.Modules.Booking.Features.GenerateSlots>().AllUnitsAsync(CancellationToken.None);
        }
        await nara.StartAsync();
        var url = nara.Urls.First();

        // (1) The nurse's workday page.
        using var staffHandler = new SocketsHttpHandler { CookieContainer = new CookieContainer() };
        using var staff = new HttpClient(staffHandler) { BaseAddress = new Uri(url) };
        (await staff.PostAsJsonAsync("/api/auth/demo", new { kind = "staff", id = nurse, unitId = unit })).EnsureSuccessStatusCode();
        var worklist = await staff.GetFromJsonAsync<JsonElement>("/api/worklist");
        var workday = await TimeAsync(staff, _ => "/min-arbetsdag", requests);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  /min-arbetsdag, nurse at a vårdcentral with {listedAtUnit} listed ({worklist.GetProperty("total").GetInt32()} on the worklist): p50 {workday.P50:F1} ms, p95 {workday.P95:F1} ms (target <= 150 ms)"));

        // (2) The person's plan page.
        var planTimes = new List<double>();
        foreach (var resident in withPlan.Take(10))
        {
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer() };
            using var person = new HttpClient(handler) { BaseAddress = new Uri(url) };
            (await person.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id = resident })).EnsureSuccessStatusCode();
            planTimes.AddRange((await TimeAsync(person, _ => "/mina-sidor/min-plan", Math.Max(10, requests / 10))).All);
        }
        var plan = Summary.Of(planTimes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  /mina-sidor/min-plan, {Math.Min(10, withPlan.Count)} residents with a plan: p50 {plan.P50:F1} ms, p95 {plan.P95:F1} ms (target <= 100 ms)"));

        // (3) Live messages: C conversations at once, each watched by the nurse over SignalR.
        var latencies = new ConcurrentBag<double>();
        var cookie = staffHandler.CookieContainer.GetCookieHeader(new Uri(url));
        var tasks = writers.Select(async resident =>
        {
            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer() };
            using var person = new HttpClient(handler) { BaseAddress = new Uri(url) };
            (await person.PostAsJsonAsync("/api/auth/demo", new { kind = "resident", id = resident })).EnsureSuccessStatusCode();
            var created = await person.PostAsJsonAsync("/api/messages/threads", new { unitId = unit, topic = "Bänkfråga", text = "Första meddelandet" });
            created.EnsureSuccessStatusCode();
            var thread = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("threadId").GetGuid();
            var arrived = new ConcurrentDictionary<Guid, long>();
            var signal = new SemaphoreSlim(0);
            await using var hub = new HubConnectionBuilder().WithUrl(url.TrimEnd('/') + "/hubs/messages", o => o.Headers["Cookie"] = cookie).Build();
            hub.On<Guid, JsonElement>("message", (_, m) =>
            {
                arrived[m.GetProperty("id").GetGuid()] = Stopwatch.GetTimestamp();
                signal.Release();
            });
            await hub.StartAsync();
            await hub.InvokeAsync("WatchThread", thread);
            for (var i = 0; i < messageCount; i++)
            {
                var sent = Stopwatch.GetTimestamp();
                var response = await person.PostAsJsonAsync($"/api/messages/threads/{thread}/messages", new { text = $"Meddelande {i}" });
                response.EnsureSuccessStatusCode();
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                while (!arrived.ContainsKey(id))
                {
                    if (!await signal.WaitAsync(TimeSpan.FromSeconds(10)))
                    {
                        break;
                    }
                }
                if (arrived.TryGetValue(id, out var at))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
                }
            }
        }).ToList();
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(tasks);
        var live = Summary.Of(latencies.ToList());
        var expected = writers.Count * messageCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {writers.Count} conversations at once, {messageCount} messages each: {latencies.Count} of {expected} arrived live; send-to-shown p50 {live.P50:F0} ms, p95 {live.P95:F0} ms (target <= 1000 ms); {expected / wall.Elapsed.TotalSeconds:F0} messages/s"));
        await nara.StopAsync();
        var met = workday.P95 <= 150 && plan.P95 <= 100 && live.P95 <= 1000 && latencies.Count == expected;
        Console.WriteLine($"  targets: {(met ? "met" : "NOT met")}");
        return met;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
