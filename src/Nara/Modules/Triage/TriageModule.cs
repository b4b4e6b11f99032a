using Nara.Modules.Triage.Content;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Modules.Triage.Features;
using Nara.Modules.Triage.Fhir;
using Nara.Platform.Access;
using Nara.Platform.Content;

namespace Nara.Modules.Triage;

public static class TriageModule
{
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => KnowledgeLoader.Load(ContentFolder.Find(configuration, "triage")));
        services.AddSingleton<TriageEngine>();
        services.AddScoped<ICareRelationshipSource, TriageCareRelationship>();
        services.AddScoped<ITriageCaseUrgency, TriageCaseUrgencyQuery>();
        services.AddScoped<IResidentTriageCases, ResidentTriageCasesQuery>();
        services.AddScoped<AssessmentViews>();
        services.AddScoped<AssessmentSessions>();
        services.AddScoped<CaseViews>();
        services.AddScoped<SearchComplaints>();
        services.AddScoped<StartAssessment>();
        services.AddScoped<AnswerQuestion>();
        services.AddScoped<StepBack>();
        services.AddScoped<GetAssessment>();
        services.AddScoped<SendToUnit>();
        services.AddScoped<ListInbox>();
        services.AddScoped<GetCase>();
        services.AddScoped<TakeCase>();
        services.AddScoped<ReplyToCase>();
        services.AddScoped<BookCallback>();
        services.AddScoped<CloseCase>();
        services.AddScoped<GetTriageAgreement>();
        services.AddScoped<ListMyCases>();
        services.AddTriageFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapTriage(this IEndpointRouteBuilder endpoints)
    {
        SearchComplaints.Map(endpoints);
        StartAssessment.Map(endpoints);
        AnswerQuestion.Map(endpoints);
        StepBack.Map(endpoints);
        GetAssessment.Map(endpoints);
        SendToUnit.Map(endpoints);
        ListInbox.Map(endpoints);
        GetCase.Map(endpoints);
        TakeCase.Map(endpoints);
        ReplyToCase.Map(endpoints);
        BookCallback.Map(endpoints);
        CloseCase.Map(endpoints);
        GetTriageAgreement.Map(endpoints);
        ListMyCases.Map(endpoints);
        return endpoints;
    }

    /// <summary>Loads the knowledge base now, so that a broken content file stops start-up instead of the first assessment.</summary>
    public static KnowledgeBase LoadKnowledge(IServiceProvider services) => services.GetRequiredService<KnowledgeBase>();
}
