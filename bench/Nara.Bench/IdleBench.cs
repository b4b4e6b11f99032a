using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;

namespace Nara.Bench;

/// <summary>
/// <c>idle [--residents N] [--reminders R] [--seconds S]</c>: the cost of background work when nothing is due. A generated
/// region with its times opened, R reminders (50,000 by default) due in the coming weeks, the host started and left
/// alone: the app process's CPU, and on PostgreSQL the server's (every postgres process on this machine), over S seconds
/// after the start-up runs have settled. Target: under 1 % of one core for all background work.
/// </summary>
internal static class IdleBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var residents = Option(args, "--residents", 1000);
        var reminders = Option(args, "--reminders", 50_000);
        var seconds = Option(args, "--seconds", 30);
        return await BenchDatabases.OnEachAsync("idle", (provider, connection) => RunOnceAsync(provider, connection, residents, reminders, seconds)) ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(string provider, string connection, int residentCount, int reminders, int seconds)
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
        await using (var scope = nara.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            var content = ContentLoader.Load(ContentLoader.FindRegionFolder());
            var clock = nara.Services.GetRequiredService<TimeProvider>();
            var today = Nara.Platform.Time.Stockholm.Today(clock);
            await Nara.Modules.Synthetic.SyntheticRegion.GenerateAndWriteAsync(db, content, 42, residentCount, today, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Nara.Modules.Booking.Features.GenerateSlots>().AllUnitsAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            // Reminders spread over the coming four weeks, none due now.
            var people = await db.Set<Resident>().Select(r => r.Id).Take(1000).ToListAsync();
            var now = clock.GetUtcNow();
            for (var start = 0; start < reminders; start += 5000)
            {
                for (var i = start; i < Math.Min(reminders, start + 5000); i++)
                {
                    var at = now.AddMinutes(10 + (i * 40_000.0 / reminders));
                    db.Add(new OutboxMessage
                    {
                        Recipient = people[i % people.Count],
                        Kind = "Påminnelse",
                        Subject = "Påminnelse om din tid",
                        Body = "Syntetisk påminnelse för mätning.",
                        Reference = $"bench:{i}",
                        CreatedAt = now,
                        SendAt = at,
                        NextAttemptAt = at,
                    });
                }
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }
        await nara.StartAsync();
        // Let the start-up runs (each periodic service's first run) finish before measuring.
        await Task.Delay(TimeSpan.FromSeconds(10));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var appBefore = process.TotalProcessorTime;
        var serverBefore = provider == "postgres" ? PostgresCpu.Now() : TimeSpan.Zero;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        var app = (process.TotalProcessorTime - appBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
        var server = provider == "postgres" ? (PostgresCpu.Now() - serverBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100 : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle {provider}: {residentCount} residents, {reminders} reminders pending, {seconds} s: app {app:F2} % of a core{(provider == "postgres" ? $", PostgreSQL {server:F2} %" : "")}"));
        var met = app + server < 1.0;
        Console.WriteLine($"target (all background work under 1 % of a core): {(met ? "met" : "NOT met")}");
        await nara.StopAsync();
        return met;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
