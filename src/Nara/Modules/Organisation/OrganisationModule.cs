using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Organisation.Features;
using Nara.Modules.Organisation.Fhir;

namespace Nara.Modules.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddSingleton<OrganisationCache>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<OrganisationCache>());
        services.AddScoped<IOrganisationDirectory, OrganisationDirectory>();
        services.AddScoped<ListUnits>();
        services.AddOrganisationFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder endpoints)
    {
        ListUnits.Map(endpoints);
        return endpoints;
    }
}
