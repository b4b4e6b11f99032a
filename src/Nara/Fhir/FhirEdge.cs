namespace Nara.Fhir;

public static class FhirEdge
{
    public static IServiceCollection AddFhirEdge(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapFhirEdge(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
