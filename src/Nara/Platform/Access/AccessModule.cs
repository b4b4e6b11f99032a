using Nara.Platform.Access.Fhir;
using Nara.Platform.Composition;

namespace Nara.Platform.Access;

public static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(configuration.GetSection("Nara:Access"));
        services.AddScoped<ResidentAccess>();
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
