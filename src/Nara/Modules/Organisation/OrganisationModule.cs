using Nara.Modules.Organisation.Contracts;

namespace Nara.Modules.Organisation;

public static class OrganisationModule
{
    public static IServiceCollection AddOrganisation(this IServiceCollection services)
    {
        services.AddScoped<IOrganisationDirectory, OrganisationDirectory>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
