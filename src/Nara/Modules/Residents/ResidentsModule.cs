using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Fhir;
using Nara.Modules.Residents.Resources;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.Residents;

public static class ResidentsModule
{
    public static IServiceCollection AddResidents(this IServiceCollection services)
    {
        services.AddNavEntry(new NavEntry("/mina-sidor", typeof(ResidentsTexts), "MyPages", [NaraRoles.Invanare], 50));
        services.AddNavEntry(new NavEntry("/min-arbetsdag", typeof(ResidentsTexts), "MyWorkday", NaraRoles.Clinical, 100));
        services.AddNavEntry(new NavEntry("/mina-sidor", typeof(ResidentsTexts), "Overview", [NaraRoles.Invanare], 10) { Area = NavArea.MyPages, ExactMatch = true });
        services.AddScoped<ResidentDirectory>();
        services.AddScoped<IResidentDirectory>(sp => sp.GetRequiredService<ResidentDirectory>());
        services.AddScoped<IResidentSource>(sp => sp.GetRequiredService<ResidentDirectory>());
        services.AddScoped<ICareRelationshipSource>(sp => sp.GetRequiredService<ResidentDirectory>());
        services.AddScoped<IPopulationStatistics, PopulationStatistics>();
        services.AddScoped<IResidentContacts, ResidentContacts>();
        services.AddFeatures(typeof(ResidentsModule));
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayWorklistPanel), 1, NaraRoles.Clinical));
        services.AddResidentsFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapResidents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(ResidentsModule));
        return endpoints;
    }
}
