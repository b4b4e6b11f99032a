using Nara.Modules.Monitoring.Fhir;
using Nara.Modules.Monitoring.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;

namespace Nara.Modules.Monitoring;

/// <summary>Self-monitoring (egenmonitorering, capability 7): home measurements with the person's own limits that alert the team.</summary>
public static class MonitoringModule
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => Content.MeasureCatalog.Load(ContentFolder.Find(configuration, "measures")));
        services.AddFeatures(typeof(MonitoringModule));
        services.AddNavEntry(new NavEntry("/mina-sidor/matvarden", typeof(MonitoringTexts), "MyMeasurements", [NaraRoles.Invanare], 23));
        services.AddWorkItemSource<MeasurementWorkItems>();
        services.AddMonitoringFhir();
        services.AddScoped<Nara.Modules.Synthetic.Contracts.IDemoSeeder, DemoMeasurements>();
        services.AddHostedService<MonitoringEscalationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapMonitoring(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(MonitoringModule));
        return endpoints;
    }
}
