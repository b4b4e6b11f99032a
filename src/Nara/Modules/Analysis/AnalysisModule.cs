namespace Nara.Modules.Analysis;

public static class AnalysisModule
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
