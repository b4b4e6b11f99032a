using Nara.Modules.Booking.Contracts;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Resources;
using Nara.Modules.Synthetic.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;

namespace Nara.Modules.CareGuarantee;

public static class CareGuaranteeModule
{
    public static IServiceCollection AddCareGuarantee(this IServiceCollection services)
    {
        services.AddNavEntry(new NavEntry("/vardgaranti/registrera", typeof(CareGuaranteeTexts), "RegisterGuaranteeStartNav", NaraRoles.Clinical, 150));
        services.AddNavEntry(new NavEntry("/vardgaranti", typeof(CareGuaranteeTexts), "CareGuarantee", [NaraRoles.Verksamhetschef], 210) { ExactMatch = true });
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayGuaranteePanel), 50, NaraRoles.Clinical));
        services.AddEventSubscriber<TriageCaseOpened, ClockSubscribers>();
        services.AddEventSubscriber<TriageCaseAnswered, ClockSubscribers>();
        services.AddEventSubscriber<AppointmentBooked, ClockSubscribers>();
        services.AddEventSubscriber<Nara.Modules.Coordination.Contracts.ReferralAccepted, ReferralClocks>();
        services.AddEventSubscriber<AppointmentCancelled, ClockSubscribers>();
        services.AddEventSubscriber<VisitCompleted, ClockSubscribers>();
        services.AddEventSubscriber<VisitNoShow, ClockSubscribers>();
        services.AddScoped<ICareRelationshipSource, ReferralCareRelationship>();
        services.AddScoped<ICareGuaranteeClocks, CareGuaranteeClocks>();
        services.AddScoped<ClockQueries>();
        services.AddFeatures(typeof(CareGuaranteeModule));
        services.AddScoped<IDemoSeeder, DemoClocks>();
        return services;
    }

    public static IEndpointRouteBuilder MapCareGuarantee(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(CareGuaranteeModule));
        return endpoints;
    }
}
