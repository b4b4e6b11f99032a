namespace Nara.Modules.Records;

public static class RecordsModule
{
    public static IServiceCollection AddRecords(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
