using Nara.Platform.Access.Fhir;
using Nara.Platform.Access.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Platform.Access;

public static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavEntry(new NavEntry("/uppfoljning/atkomst", typeof(AccessTexts), "AccessReview", [NaraRoles.Verksamhetschef], 200));
        services.AddNavEntry(new NavEntry("/mina-sidor/atkomst", typeof(AccessTexts), "WhoHasLooked", [NaraRoles.Invanare], 20) { Area = NavArea.MyPages });
        services.AddNavEntry(new NavEntry("/mina-sidor/sparrar", typeof(AccessTexts), "BlocksAndConsent", [NaraRoles.Invanare], 30) { Area = NavArea.MyPages });
        services.Configure<AccessOptions>(configuration.GetSection("Nara:Access"));
        services.AddScoped<ResidentAccess>();
        services.AddScoped<AuditScope>();
        services.AddSingleton<AuditWriter>();
        services.AddFeatures(typeof(AccessModule));
        services.AddAccessFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(AccessModule));
        return endpoints;
    }
}
