using Nara.Modules.Records.Content;
using Nara.Modules.Records.Features;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;

namespace Nara.Modules.Records;

public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddFeatures(typeof(RecordsModule));
        services.AddSingleton(_ => DiagnosisNames.Load(ContentFolder.Find(configuration, "records")));
        services.AddScoped<Contracts.IPatientSummaries, GetPatientSummary>();
        services.AddNavEntry(new NavEntry("/mina-sidor/journal", typeof(Resources.RecordsTexts), "MyRecord", [NaraRoles.Invanare], 15) { Area = NavArea.MyPages });
        return services;
    }

    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(RecordsModule));
        return endpoints;
    }
}
