using Nara.Modules.VirtualCare.Features;

namespace Nara.Modules.VirtualCare;

public static class VirtualCareModule
{
    public static IServiceCollection AddVirtualCare(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR();
        services.AddSingleton(configuration.GetSection("Nara:VirtualCare").Get<VirtualCareOptions>() ?? new VirtualCareOptions());
        services.AddSingleton<MeetingPresence>();
        services.AddScoped<MeetingRooms>();
        services.AddScoped<MeetingNotifier>();
        services.AddScoped<GetMeeting>();
        services.AddScoped<CheckIn>();
        services.AddScoped<ListWaitingRoom>();
        services.AddScoped<AdmitResident>();
        services.AddScoped<EndMeeting>();
        services.AddScoped<SendChatMessage>();
        services.AddScoped<ListMyDigitalVisits>();
        return services;
    }

    public static IEndpointRouteBuilder MapVirtualCare(this IEndpointRouteBuilder endpoints)
    {
        GetMeeting.Map(endpoints);
        CheckIn.Map(endpoints);
        ListWaitingRoom.Map(endpoints);
        AdmitResident.Map(endpoints);
        EndMeeting.Map(endpoints);
        SendChatMessage.Map(endpoints);
        ListMyDigitalVisits.Map(endpoints);
        endpoints.MapHub<MeetingHub>("/hubs/virtualcare").RequireAuthorization();
        return endpoints;
    }
}
