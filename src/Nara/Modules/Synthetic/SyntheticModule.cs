namespace Nara.Modules.Synthetic;

public static class SyntheticModule
{
    public static IServiceCollection AddSynthetic(this IServiceCollection services, IConfiguration configuration)
    {
        _ = configuration;
        return services;
    }

    public static IEndpointRouteBuilder MapSynthetic(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }

    public static Task SeedDemoIfEmptyAsync(IServiceProvider services, CancellationToken ct)
    {
        _ = services;
        _ = ct;
        return Task.CompletedTask;
    }

    public static void PrintWelcome(WebApplication app)
    {
        _ = app;
    }
}
