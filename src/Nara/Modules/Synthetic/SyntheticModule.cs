using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Nara.Modules.Synthetic.Content;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Synthetic;

public static class SyntheticModule
{
    public static IServiceCollection AddSynthetic(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        services.AddScoped<IDemoPersonas, DemoPersonaQuery>();
        return services;
    }

    public static IEndpointRouteBuilder MapSynthetic(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }

    /// <summary>Generates the demo region (Nara:Demo:Residents, default 5000; Nara:Demo:Seed, default 42) when the database has no region.</summary>
    public static async Task SeedDemoIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var residents = configuration.GetValue("Nara:Demo:Residents", 5000);
        var seed = configuration.GetValue("Nara:Demo:Seed", 42);
        if (residents <= 0)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NaraDbContext>();
        if (await SyntheticRegion.HasDataAsync(db, ct))
        {
            return;
        }
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Nara.Synthetic");
        var clock = Stopwatch.StartNew();
        var content = ContentLoader.Load(ContentLoader.FindRegionFolder(configuration));
        var today = Stockholm.Today(services.GetRequiredService<TimeProvider>());
        var counts = await SyntheticRegion.GenerateAndWriteAsync(db, content, seed, residents, today, ct);
        await RunSeedersAsync(scope.ServiceProvider, db, seed, today, ct);
        logger.LogInformation("Demoregionen genererades (seed {Seed}): {Residents} invånare, {Encounters} vårdkontakter, {Rows} rader på {Seconds:0.0} s",
            seed, counts.Residents, counts.Encounters, counts.Total, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Runs every module's demo seeder on the written region, in <paramref name="services"/>' scope.</summary>
    public static async Task RunSeedersAsync(IServiceProvider services, NaraDbContext db, int seed, DateOnly today, CancellationToken ct)
    {
        foreach (var seeder in services.GetServices<IDemoSeeder>())
        {
            await seeder.SeedAsync(new DemoRegionQuery(db, seed, today), ct);
        }
    }

    /// <summary>Prints where the app listens and who to sign in as. Names of synthetic people only, never a personnummer.</summary>
    public static void PrintWelcome(WebApplication app)
    {
        var addresses = app.Urls.Count > 0
            ? app.Urls.ToList()
            : app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        Console.WriteLine();
        Console.WriteLine("Nära är igång.");
        foreach (var address in addresses)
        {
            Console.WriteLine($"  {address.TrimEnd('/')}/demo-inloggning");
        }
        try
        {
            using var scope = app.Services.CreateScope();
            var personas = scope.ServiceProvider.GetRequiredService<IDemoPersonas>().GetAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (personas.Count > 0)
            {
                Console.WriteLine("Demopersoner (syntetiska):");
                foreach (var p in personas)
                {
                    Console.WriteLine($"  {p.Name} – {p.Description}");
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            Console.WriteLine($"Demopersonerna kunde inte läsas: {ex.GetBaseException().Message}");
        }
    }
}
