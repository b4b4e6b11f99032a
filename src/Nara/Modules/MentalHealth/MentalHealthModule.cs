using Nara.Modules.MentalHealth.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;

namespace Nara.Modules.MentalHealth;

/// <summary>Mental health (capability 9): stepped care from screening to a decided step with its own first-assessment clock, and digital self-help programmes with a therapist.</summary>
public static class MentalHealthModule
{
    public static IServiceCollection AddMentalHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => Content.SteppedCareContent.Load(ContentFolder.Find(configuration, "stepped-care")));
        services.AddSingleton(_ => Content.ProgrammeCatalog.Load(ContentFolder.Find(configuration, "self-help")));
        services.AddFeatures(typeof(MentalHealthModule));
        services.AddNavEntry(new NavEntry("/mina-sidor/sjalvhjalp", typeof(MentalHealthTexts), "MySelfHelp", [NaraRoles.Invanare], 24));
        services.AddNavEntry(new NavEntry("/psykisk-halsa", typeof(MentalHealthTexts), "UnitMentalHealth", NaraRoles.Clinical, 166));
        services.AddWorkItemSource<MentalHealthWorkItems>();
        services.AddScoped<Nara.Modules.Synthetic.Contracts.IDemoSeeder, DemoSteppedCare>();
        return services;
    }

    public static IEndpointRouteBuilder MapMentalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(MentalHealthModule));
        return endpoints;
    }
}
