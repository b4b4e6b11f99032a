using Nara.Modules.VirtualCare.Resources;
using Nara.Platform.Auth;
using Nara.Platform.Composition;

namespace Nara.Modules.VirtualCare;

public static class VirtualCareModule
{
    public static IServiceCollection AddVirtualCare(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNavEntry(new NavEntry("/mote", typeof(VirtualCareTexts), "VcMyVisits", [NaraRoles.Invanare], 40));
        services.AddNavEntry(new NavEntry("/vantrum", typeof(VirtualCareTexts), "VcWaitingRoom", NaraRoles.Clinical, 160));
        services.AddPagePanel(new PagePanel(PagePanelRegistration.Workday, typeof(Components.WorkdayWaitingRoomPanel), 20, NaraRoles.Clinical));
        services.AddSignalR();
        services.AddSingleton(configuration.GetSection("Nara:VirtualCare").Get<VirtualCareOptions>() ?? new VirtualCareOptions());
        services.AddSingleton<MeetingPresence>();
        services.AddScoped<MeetingRooms>();
        services.AddScoped<MeetingNotifier>();
        services.AddFeatures(typeof(VirtualCareModule));
        return services;
    }

    public static IEndpointRouteBuilder MapVirtualCare(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapFeatures(typeof(VirtualCareModule));
        endpoints.MapHub<MeetingHub>("/hubs/virtualcare").RequireAuthorization();
        return endpoints;
    }
}
