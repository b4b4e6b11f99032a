using Nara.Modules.Analysis.Features;

namespace Nara.Modules.Analysis;

public static class AnalysisModule
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddScoped<GetRegionOverview>();
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder endpoints)
    {
        GetRegionOverview.Map(endpoints);
        return endpoints;
    }
}
