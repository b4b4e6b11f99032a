using Nara.Modules.Assessments.Fhir;
using Nara.Modules.Assessments.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;

namespace Nara.Modules.Assessments;

/// <summary>Assessments and self-monitoring (capabilities 7 and 9): validated instruments as content, scored exactly as published.</summary>
public static class AssessmentsModule
{
    public static IServiceCollection AddAssessments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => Content.InstrumentCatalog.Load(ContentFolder.Find(configuration, "instruments")));
        services.AddSingleton(_ => Content.CrisisWords.Load(ContentFolder.Find(configuration, "crisis")));
        services.AddSingleton<Contracts.ICrisisWords>(s => s.GetRequiredService<Content.CrisisWords>());
        services.AddScoped<Contracts.IInstrumentScores, InstrumentScores>();
        services.AddFeatures(typeof(AssessmentsModule));
        services.AddNavEntry(new NavEntry("/formular", typeof(AssessmentsTexts), "Instruments", NaraRoles.Clinical, 165));
        services.AddNavEntry(new NavEntry("/mina-sidor/formular", typeof(AssessmentsTexts), "MyInstruments", [NaraRoles.Invanare], 22) { Badge = typeof(OpenInstrumentsBadge) });
        services.AddScoped<OpenInstrumentsBadge>();
        services.AddAssessmentsFhir();
        services.AddScoped<Nara.Modules.Synthetic.Contracts.IDemoSeeder, DemoResponses>();
        services.AddWorkItemSource<CrisisWorkItems>();
        services.AddHostedService<CrisisEscalationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapAssessments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(AssessmentsModule));
        return endpoints;
    }
}
