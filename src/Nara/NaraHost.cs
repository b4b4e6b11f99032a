using Nara.Components;
using Nara.Fhir;
using Nara.Modules.Analysis;
using Nara.Modules.Assessments;
using Nara.Modules.Booking;
using Nara.Modules.CareGuarantee;
using Nara.Modules.Coordination;
using Nara.Modules.Messaging;
using Nara.Modules.MentalHealth;
using Nara.Modules.Monitoring;
using Nara.Modules.Organisation;
using Nara.Modules.Records;
using Nara.Modules.Residents;
using Nara.Modules.Synthetic;
using Nara.Modules.Triage;
using Nara.Modules.VirtualCare;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Content;
using Nara.Platform.Events;
using Nara.Platform.Hosting;
using Nara.Platform.Localisation;
using Nara.Platform.Observability;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;
using Nara.Platform.Time;
using Scalar.AspNetCore;

namespace Nara;

/// <summary>Builds and runs the one deployable: AddX()/MapX() per module and platform part.</summary>
public static class NaraHost
{
    /// <summary>What <c>--help</c> prints: the commands and the settings most often given, in Swedish like the rest.</summary>
    public const string Usage = """
        Nära – nära vård för en region.

        dotnet run --project src/Nara [inställningar]   startar plattformen (SQLite i data/ om inget annat anges)
        dotnet run --project src/Nara -- generate ...   skapar en syntetisk region (generate --residents <antal> [--seed <tal>] [--replace])
        dotnet run --project src/Nara -- triage-eval    mäter triagens kunskapsbas mot de skrivna fallen
        dotnet run --project src/Nara -- --help         visar den här texten

        Vanliga inställningar (också som miljövariabler, till exempel Nara__Database__Provider):
          --urls http://127.0.0.1:5080
          --Nara:Database:Provider sqlite|postgres
          --Nara:Database:ConnectionString "..."
        """;

    /// <summary>The content folders and how each is loaded and checked at start-up.</summary>
    private static readonly (string Folder, Action<IServiceProvider> Load)[] ContentChecks =
    [
        ("triage", s => TriageModule.LoadKnowledge(s)),
        ("records", s => s.GetRequiredService<Modules.Records.Content.DiagnosisNames>()),
        ("pathways", s => s.GetRequiredService<Modules.Coordination.Content.CarePathways>()),
        ("discharge", s => s.GetRequiredService<Modules.Coordination.Content.DischargeRules>()),
        ("instruments", s => s.GetRequiredService<Modules.Assessments.Content.InstrumentCatalog>()),
        ("measures", s => s.GetRequiredService<Modules.Monitoring.Content.MeasureCatalog>()),
        ("crisis", s => s.GetRequiredService<Modules.Assessments.Content.CrisisWords>()),
        ("stepped-care", s => s.GetRequiredService<Modules.MentalHealth.Content.SteppedCareContent>()),
        ("self-help", s => s.GetRequiredService<Modules.MentalHealth.Content.ProgrammeCatalog>()),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "generate")
        {
            return await SyntheticCommand.RunAsync(args[1..]);
        }
        if (args.Length > 0 && args[0] == "triage-eval")
        {
            return TriageEvalCommand.Run(args[1..]);
        }
        if (args.Length > 0 && args[0] is "--help" or "-h" or "help" or "/?")
        {
            Console.WriteLine(Usage);
            return 0;
        }
        var app = Build(args);
        try
        {
            // Read now, so that a setting out of range stops the start before the database is touched.
            _ = app.Services.GetRequiredService<OutboxOptions>();
            _ = app.Services.GetRequiredService<TimeProvider>();
            _ = app.Services.GetRequiredService<ProxySettings>();
            _ = app.Services.GetRequiredService<RateLimitSettings>();
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"Nära kan inte starta: {ex.Message}");
            return 2;
        }
        try
        {
            await PersistenceSetup.MigrateAsync(app.Services, CancellationToken.None);
        }
        catch (DatabaseUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"Nära kan inte starta: {ex.Message}");
            return 2;
        }
        // Every content folder is loaded and checked before anything is served: a wrong file stops the start, named.
        foreach (var (folder, load) in ContentChecks)
        {
            try
            {
                load(app.Services);
            }
            catch (ContentException ex)
            {
                await Console.Error.WriteLineAsync($"Nära kan inte starta: fel i content/{folder}/{ex.Message}");
                return 2;
            }
        }
        // The demo region is written while the server starts and warms up; requests and background work wait at the
        // gate until it is there.
        var gate = app.Services.GetRequiredService<StartupGate>();
        gate.Close();
        var seeding = Task.Run(() => SyntheticModule.SeedDemoIfEmptyAsync(app.Services, CancellationToken.None));
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            // Most often another Nära (or something else) already listens there. A region being written is rolled back.
            gate.Fail();
            await Console.Error.WriteLineAsync($"Nära kan inte starta: adressen kan inte öppnas, kanske kör Nära redan ({ex.Message}). Välj en annan adress med --urls.");
            return 2;
        }
        try
        {
            await seeding;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            gate.Fail();
            await Console.Error.WriteLineAsync($"Nära kan inte starta: demoregionen kunde inte skapas: {ex.GetBaseException().Message}");
            await app.StopAsync();
            return 1;
        }
        gate.Open();
        SyntheticModule.PrintWelcome(app);
        await app.WaitForShutdownAsync();
        return 0;
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // The application name is fixed so that a host started from a test or benchmark assembly still finds
        // Nara.staticwebassets.endpoints.json beside it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(NaraHost).Assembly.GetName().Name });
        configure?.Invoke(builder);
        // Outside Development ASP.NET Core does not read the static web assets manifest, which is how an app run from
        // its build output (dotnet run, the browser tests) finds its CSS and _framework/blazor.web.js. A published app
        // has no manifest and serves its wwwroot.
        if (!builder.Environment.IsDevelopment() && File.Exists(Path.Combine(AppContext.BaseDirectory, $"{builder.Environment.ApplicationName}.staticwebassets.runtime.json")))
        {
            builder.WebHost.UseStaticWebAssets();
        }
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddNaraClock(configuration, builder.Environment);
        services.AddSingleton<StartupGate>();
        services.AddProblemDetails(ProblemTexts.Configure);
        // A value the framework cannot bind is thrown (in every environment, not only Development) so that
        // BadRequestHandler answers it with Swedish problem details naming the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<DatabaseBusyHandler>();
        // Enums travel as their names ("Vardcentral", "EmergencyAccess"): readable, and stable if members are reordered.
        // Strong ids travel as their Guid.
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            o.SerializerOptions.Converters.Add(new Platform.Identifiers.StrongIdJsonConverterFactory());
            o.SerializerOptions.Converters.Add(new InputCharacters.StringConverter());
        });
        // A use case's request records are all called Request (nested in the use case): the schema is named by both, so
        // that each operation shows its own body instead of one schema they all collapse into.
        services.AddOpenApi(o => o.CreateSchemaReferenceId = type =>
        {
            var id = Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            return id is not null && type.Type.DeclaringType is { } outer ? outer.Name + id : id;
        });
        services.AddHttpContextAccessor();
        services.AddNaraPersistence(configuration);
        services.AddNaraEvents();
        services.AddNaraOutbox();
        services.AddNaraAuth(configuration);
        services.AddNaraLocalisation();
        services.AddNaraObservability(configuration);
        services.AddNaraTransportSecurity();
        services.AddNaraRateLimits();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddScoped<Platform.Composition.ModuleNavigation>();
        services.AddSingleton<Platform.Composition.PagePanels>();

        services.AddAccess(configuration);
        services.AddOrganisation();
        services.AddResidents();
        services.AddRecords(configuration);
        services.AddSynthetic(configuration);
        services.AddAnalysis();
        services.AddTriage(configuration);
        services.AddBooking();
        services.AddCareGuarantee();
        services.AddCoordination(configuration);
        services.AddMessaging();
        services.AddAssessments(configuration);
        services.AddMonitoring(configuration);
        services.AddMentalHealth(configuration);
        services.AddVirtualCare(configuration);
        services.AddFhirEdge();

        var app = builder.Build();
        // First, so that all that follows sees the client's scheme (Secure cookies, HSTS) and address (rate limits).
        app.UseNaraForwardedHeaders();
        app.UseNaraStatementCounting();
        app.UseNaraStartupGate();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseNaraSecurityHeaders();
        // Before the error pages, so that they answer in the request's language.
        app.UseNaraLocalisation();
        app.UseExceptionHandler();
        app.UseNaraStatusCodePages();
        app.UseNaraInputCharacters();
        app.UseNaraSameOriginRequests();
        app.UseAuthentication();
        // Between the two: it sees who is signed in, and the refusals of authorisation as well as of handlers.
        app.UseNaraRefusalAudit();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Nära API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();
        app.MapNaraHealth();
        app.MapNaraLocalisation();
        app.MapAuthEndpoints();
        app.MapNaraOutbox();

        app.MapAccess();
        app.MapOrganisation();
        app.MapResidents();
        app.MapRecords();
        app.MapSynthetic();
        app.MapAnalysis();
        app.MapTriage();
        app.MapBooking();
        app.MapCareGuarantee();
        app.MapCoordination();
        app.MapMessaging();
        app.MapAssessments();
        app.MapMonitoring();
        app.MapMentalHealth();
        app.MapVirtualCare();
        app.MapFhirEdge();

        app.MapRazorComponents<App>()
            // Blazor would add a second policy header (frame-ancestors 'self'); the site's own says 'none' (SecurityHeaders).
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .AddAdditionalAssemblies();
        return app;
    }
}
