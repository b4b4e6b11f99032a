using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Nara.Tests.Infrastructure;

/// <summary>The app's HTTP endpoints (not its Blazor pages), each with its route written from the root ("/api/…").</summary>
public static class HttpRoutes
{
    public static IEnumerable<(RouteEndpoint Endpoint, string Pattern)> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
            .Select(e => (e, "/" + e.RoutePattern.RawText!.TrimStart('/')));
}
