using Nara.Modules.Records.Features;
using Nara.Platform.Composition;

namespace Nara.Modules.Records;

public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddFeatures(typeof(RecordsModule));
        services.AddScoped<Contracts.IPatientSummaries, GetPatientSummary>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(RecordsModule));
        return endpoints;
    }
}
