using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Features;
using Nara.Modules.Residents.Fhir;
using Nara.Platform.Access;

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
        services.AddScoped<SearchResidents>();
        services.AddScoped<GetResidentProfile>();
        services.AddScoped<UpdateContactPreferences>();
        services.AddScoped<ChangeListing>();
        services.AddScoped<RegisterResident>();
        services.AddResidentsFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapResidents(this IEndpointRouteBuilder endpoints)
    {
        SearchResidents.Map(endpoints);
        GetResidentProfile.Map(endpoints);
        UpdateContactPreferences.Map(endpoints);
        ChangeListing.Map(endpoints);
        RegisterResident.Map(endpoints);
        return endpoints;
    }
}
