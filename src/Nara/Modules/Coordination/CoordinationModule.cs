using Nara.Fhir;
using Nara.Modules.Coordination.Resources;
using Nara.Modules.Synthetic.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Content;
using Nara.Platform.Events;

namespace Nara.Modules.Coordination;

/// <summary>Patient contract and coordination (capability 6): the care team across region and municipality, fixed contacts.</summary>
public static class CoordinationModule
{
    public static IServiceCollection AddCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => Content.CarePathways.Load(ContentFolder.Find(configuration, "pathways")));
        services.AddSingleton(_ => Content.DischargeRules.Load(ContentFolder.Find(configuration, "discharge")));
        services.AddScoped<ICareRelationshipSource, CareTeamCareRelationship>();
        services.AddScoped<ICareRelationshipSource, ReferralCareRelationship>();
        services.AddScoped<Contracts.ICareTeamUnits, CareTeamUnits>();
        services.AddWorkItemSource<CoordinationWorkItems>();
        services.AddFeatures(typeof(CoordinationModule));
        services.AddFhirResource<Fhir.CareTeamResource>();
        services.AddFhirResource<Fhir.CarePlanResource>();
        services.AddFhirResource<Fhir.GoalResource>();
        services.AddFhirResource<Fhir.ServiceRequestResource>();
        services.AddFhirTaskSource<Fhir.PlanActivityTasks>();
        services.AddFhirTaskSource<Fhir.PathwayStepTasks>();
        services.AddEventSubscriber<Nara.Modules.Booking.Contracts.AppointmentBooked, AgreedTimeFollowsRebooking>();
        services.AddScoped<IDemoSeeder, DemoCareTeams>();
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayPathwaysPanel), 55, NaraRoles.Clinical));
        services.AddNavEntry(new NavEntry("/remisser", typeof(CoordinationTexts), "Referrals", NaraRoles.Clinical, 155));
        services.AddNavEntry(new NavEntry("/vardforlopp", typeof(CoordinationTexts), "Pathways", NaraRoles.Clinical, 160));
        services.AddNavEntry(new NavEntry("/mina-sidor/vardteam", typeof(CoordinationTexts), "MyCareTeam", [NaraRoles.Invanare], 12) { Area = NavArea.MyPages });
        services.AddNavEntry(new NavEntry("/mina-sidor/min-plan", typeof(CoordinationTexts), "MyPlan", [NaraRoles.Invanare], 13) { Area = NavArea.MyPages });
        return services;
    }

    public static IEndpointRouteBuilder MapCoordination(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(CoordinationModule));
        return endpoints;
    }
}
