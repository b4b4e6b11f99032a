using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Modules.Triage.Fhir;
using Nara.Modules.Triage.Resources;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;

namespace Nara.Modules.Triage;

public static class TriageModule
{
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavEntry(new NavEntry("/hjalp", typeof(TriageTexts), "GetHelp", [NaraRoles.Invanare], 10));
        services.AddNavEntry(new NavEntry("/mina-arenden", typeof(TriageTexts), "MyCases", [NaraRoles.Invanare], 20));
        services.AddNavEntry(new NavEntry("/inkorg", typeof(TriageTexts), "Inbox", NaraRoles.Clinical, 110));
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayInboxPanel), 30, NaraRoles.Clinical));
        services.AddSingleton(_ => KnowledgeLoader.Load(ContentFolder.Find(configuration, "triage")));
        services.AddSingleton<TriageEngine>();
        services.AddScoped<ICareRelationshipSource, TriageCareRelationship>();
        services.AddScoped<ITriageCaseUrgency, TriageCaseUrgencyQuery>();
        services.AddScoped<IResidentTriageCases, ResidentTriageCasesQuery>();
        services.AddScoped<AssessmentViews>();
        services.AddScoped<AssessmentSessions>();
        services.AddScoped<CaseViews>();
        services.AddFeatures(typeof(TriageModule));
        services.AddWorkItemSource<TriageWorkItems>();
        services.AddTriageFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapTriage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(TriageModule));
        return endpoints;
    }

    /// <summary>Loads the knowledge base now, so that a broken content file stops start-up instead of the first assessment.</summary>
    public static KnowledgeBase LoadKnowledge(IServiceProvider services) => services.GetRequiredService<KnowledgeBase>();
}
