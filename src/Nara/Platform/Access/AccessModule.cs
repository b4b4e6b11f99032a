using Nara.Platform.Access.Fhir;

namespace Nara.Platform.Access;

public static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(configuration.GetSection("Nara:Access"));
        services.AddScoped<ResidentAccess>();
        services.AddAccessFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
