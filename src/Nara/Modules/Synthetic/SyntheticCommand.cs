using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Synthetic.Content;
using Nara.Platform.Content;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Synthetic;

/// <summary>
/// <c>dotnet run --project src/Nara -- generate --residents 200000 --seed 42 [--replace]</c>. Configuration arguments
/// (<c>--Nara:Database:ConnectionString "Data Source=data/region.db"</c>) and environment variables work as for the app.
/// Refuses to write into a database that already holds data unless <c>--replace</c> is given, which empties every table first.
/// </summary>
public static class SyntheticCommand
{
    private const string Usage = "Användning: generate --residents <antal> [--seed <tal>] [--replace] [--Nara:Database:Provider sqlite|postgres] [--Nara:Database:ConnectionString \"...\"]";

    internal sealed record Options(int Residents, int Seed, bool Replace, string[] ConfigurationArgs);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var options, out var error))
        {
            await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync(Usage);
            return 1;
        }
        // The app's own services (built, not started): the region and then every module's demo rows (care teams, plans,
        // SIPs, messages, referrals, clocks, waitlists) at their rates, in one scope and on one connection.
        WebApplication host;
        try
        {
            host = NaraHost.Build(options.ConfigurationArgs, b => b.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning));
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"Felaktig konfiguration: {ex.Message}");
            return 1;
        }
        await using var app = host;
        var clock = Stopwatch.StartNew();
        RegionContent content;
        try
        {
            content = ContentLoader.Load(ContentLoader.FindRegionFolder(host.Configuration));
        }
        catch (Exception ex) when (ex is ContentException or DirectoryNotFoundException)
        {
            await Console.Error.WriteLineAsync($"Innehållet i content/region är felaktigt: {ex.Message}");
            return 1;
        }
        try
        {
            await PersistenceSetup.MigrateAsync(host.Services, CancellationToken.None);
        }
        catch (DatabaseUnavailableException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (await SyntheticRegion.HasDataAsync(db, CancellationToken.None))
        {
            if (!options.Replace)
            {
                await Console.Error.WriteLineAsync("Databasen innehåller redan data. Ange --replace för att tömma alla tabeller och generera på nytt.");
                return 1;
            }
            await Writing.BulkWriter.EmptyAllTablesAsync(db, CancellationToken.None);
        }
        var today = Stockholm.Today(host.Services.GetRequiredService<TimeProvider>());
        var counts = await SyntheticRegion.GenerateAndWriteAsync(db, content, options.Seed, options.Residents, today, CancellationToken.None);
        await SyntheticModule.RunSeedersAsync(scope.ServiceProvider, db, options.Seed, today, CancellationToken.None);
        clock.Stop();
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Syntetisk region (seed {options.Seed}): {counts.Residents} invånare, {counts.Listings} listningar, {counts.Guardians} vårdnadshavarrelationer, {counts.Consents} samtycken, " +
            $"{counts.Units} enheter, {counts.Staff} medarbetare ({counts.Assignments} placeringar), {counts.Conditions} diagnoser, {counts.Lifestyle} levnadsvaneobservationer, " +
            $"{counts.Encounters} vårdkontakter; {counts.Total} rader på {clock.Elapsed.TotalSeconds:0.0} s, högsta minnesanvändning {peak / (1024.0 * 1024.0):0} MiB."));
        return 0;
    }

    internal static bool TryParse(string[] args, out Options options, out string error)
    {
        options = new Options(0, 42, false, []);
        int? residents = null;
        var seed = 42;
        var replace = false;
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--residents":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 2_000_000)
                    {
                        error = "--residents ska följas av ett heltal mellan 1 och 2 000 000.";
                        return false;
                    }
                    residents = n;
                    break;
                case "--seed":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
                    {
                        error = "--seed ska följas av ett heltal.";
                        return false;
                    }
                    break;
                case "--replace":
                    replace = true;
                    break;
                default:
                    // Configuration keys (--Nara:Database:ConnectionString value, or key=value) go to the configuration.
                    if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':', StringComparison.Ordinal))
                    {
                        configuration.Add(arg);
                        if (!arg.Contains('=', StringComparison.Ordinal))
                        {
                            if (i + 1 >= args.Length)
                            {
                                error = $"{arg} saknar värde.";
                                return false;
                            }
                            configuration.Add(args[++i]);
                        }
                        break;
                    }
                    error = $"Okänt argument '{arg}'.";
                    return false;
            }
        }
        if (residents is null)
        {
            error = "Ange antal invånare med --residents, till exempel --residents 200000.";
            return false;
        }
        options = new Options(residents.Value, seed, replace, [.. configuration]);
        error = string.Empty;
        return true;
    }
}
