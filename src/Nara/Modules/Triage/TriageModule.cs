using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Content;

namespace Nara.Modules.Triage;

public static class TriageModule
{
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => KnowledgeLoader.Load(ContentFolder.Find(configuration, "triage")));
        services.AddSingleton<TriageEngine>();
        return services;
    }

    public static IEndpointRouteBuilder MapTriage(this IEndpointRouteBuilder endpoints) => endpoints;

    /// <summary>Loads the knowledge base now, so that a broken content file stops start-up instead of the first assessment.</summary>
    public static KnowledgeBase LoadKnowledge(IServiceProvider services) => services.GetRequiredService<KnowledgeBase>();
}
