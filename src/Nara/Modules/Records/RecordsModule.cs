using Nara.Modules.Records.Features;

namespace Nara.Modules.Records;

public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        services.AddScoped<GetPatientOverview>();
        services.AddScoped<Contracts.IPatientSummaries, GetPatientSummary>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder endpoints)
    {
        GetPatientOverview.Map(endpoints);
        return endpoints;
    }
}
