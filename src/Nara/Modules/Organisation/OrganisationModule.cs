using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Fhir;
using Nara.Platform.Composition;

namespace Nara.Modules.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<OrganisationCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<OrganisationCache>());
        services.AddScoped<IOrganisationDirectory, OrganisationDirectory>();
        services.AddFeatures(typeof(OrganisationModule));
        services.AddOrganisationFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(OrganisationModule));
        return endpoints;
    }
}
