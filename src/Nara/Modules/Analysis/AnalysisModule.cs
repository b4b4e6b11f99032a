using Nara.Modules.Analysis.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Analysis;

public static class AnalysisModule
{
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddNavEntry(new NavEntry("/analys", typeof(AnalysisTexts), "Analysis", [NaraRoles.Analytiker, NaraRoles.Verksamhetschef, NaraRoles.Administrator], 300));
        services.AddFeatures(typeof(AnalysisModule));
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(AnalysisModule));
        return endpoints;
    }
}
