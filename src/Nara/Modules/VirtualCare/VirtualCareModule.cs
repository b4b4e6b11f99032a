using Nara.Platform.Composition;

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
