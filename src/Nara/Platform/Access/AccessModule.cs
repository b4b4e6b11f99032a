using Nara.Platform.Access.Features;
using Nara.Platform.Access.Fhir;

namespace Nara.Platform.Access;

public static class AccessModule
{
    public static IServiceCollection AddAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessOptions>(configuration.GetSection("Nara:Access"));
        services.AddScoped<ResidentAccess>();
        services.AddSingleton<AuditWriter>();
        services.AddScoped<GetAccessLogForResident>();
        services.AddScoped<SetSharedRecordsConsent>();
        services.AddScoped<ManageBlocks>();
        services.AddScoped<OpenEmergencyAccess>();
        services.AddScoped<ReviewAccess>();
        services.AddAccessFhir();
        return services;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder endpoints)
    {
        GetAccessLogForResident.Map(endpoints);
        SetSharedRecordsConsent.Map(endpoints);
        ManageBlocks.Map(endpoints);
        OpenEmergencyAccess.Map(endpoints);
        ReviewAccess.Map(endpoints);
        return endpoints;
    }
}
