using Nara.Platform.Composition;

namespace Nara.Modules.Analysis;

public static class AnalysisModule
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddFeatures(typeof(AnalysisModule));
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(AnalysisModule));
        return endpoints;
    }
}
