using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Fhir;
using Nara.Platform.Access;
using Nara.Platform.Composition;

namespace Nara.Modules.Residents;

public static class ResidentsModule
{
    public static IServiceCollection AddResidents(this IServiceCollection services)
    {
        services.AddScoped<ResidentDirectory>();
        services.AddScoped<IResidentDirectory>(sp => sp.GetRequiredService<ResidentDirectory>());
        services.AddScoped<IGuardianshipSource>(sp => sp.GetRequiredService<ResidentDirectory>());
        services.AddScoped<ICareRelationshipSource>(sp => sp.GetRequiredService<ResidentDirectory>());
        services.AddScoped<IPopulationStatistics, PopulationStatistics>();
        services.AddScoped<IResidentContacts, ResidentContacts>();
        services.AddFeatures(typeof(ResidentsModule));
        services.AddResidentsFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapResidents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(ResidentsModule));
        return endpoints;
    }
}
