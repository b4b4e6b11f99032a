using System.Collections.Frozen;
using Hl7.Fhir.Model;
using Nara.Platform.Auth;

namespace Nara.Fhir;

/// <summary>Describes a mapped resource type for the registry and the CapabilityStatement, beside its handler.</summary>
public interface IFhirResourceDefinition
{
    /// <summary>The FHIR resource type, e.g. "Patient".</summary>
    static abstract string ResourceType { get; }

    /// <summary>The search parameters the handler understands, besides _count and _offset.</summary>
    static abstract IReadOnlyList<FhirSearchParameter> SearchParameters { get; }
}

/// <summary>
/// Serves one FHIR resource type a module maps. Handlers throw <see cref="FhirException"/> for anything the client should
/// see as an OperationOutcome (404, 400, 403).
/// </summary>
public interface IFhirResourceHandler
{
    /// <summary>The resource with this id; throws 404 when unknown, 400 when malformed, 403 when not allowed.</summary>
    Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct);

    /// <summary>One page of matches (search.Offset, search.Count) and the total number of matches the actor may see.</summary>
    Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct);
}

/// <summary>A handler that also supports the create interaction.</summary>
public interface IFhirCreateHandler
{
    /// <summary>Stores a new resource and returns it as stored, with its id.</summary>
    Task<Resource> CreateAsync(Actor actor, Resource resource, CancellationToken ct);
}

/// <summary>A handler that also supports the update interaction (PUT of the whole resource).</summary>
public interface IFhirUpdateHandler
{
    /// <summary>
    /// Applies the changes the handler allows (the body's id equals <paramref name="id"/>, checked by the edge) and returns
    /// the resource as stored; throws <see cref="FhirException"/> (400/422) naming what may be changed otherwise.
    /// </summary>
    Task<Resource> UpdateAsync(Actor actor, string id, Resource resource, CancellationToken ct);
}

/// <summary>
/// One page of a search: the resources, the number of matches when counted (<see cref="FhirSearch.WantsTotal"/>; a
/// handler may leave it null otherwise), and whether more follow when it was not counted.
/// </summary>
public sealed record FhirPage(IReadOnlyList<Resource> Resources, int? Total, bool? More = null);

/// <summary>What the registry knows of one handler without creating it (handlers are scoped).</summary>
public sealed record FhirResourceRegistration(string ResourceType, IReadOnlyList<FhirSearchParameter> SearchParameters, bool SupportsCreate, Type HandlerType)
{
    /// <summary>The handler implements <see cref="IFhirUpdateHandler"/> (PUT /fhir/{type}/{id}).</summary>
    public bool SupportsUpdate => typeof(IFhirUpdateHandler).IsAssignableFrom(HandlerType);
}

/// <summary>All mapped resource types; the CapabilityStatement and the routing both read from here.</summary>
public sealed class FhirRegistry
{
    private readonly FrozenDictionary<string, FhirResourceRegistration> _byType;

    public FhirRegistry(IEnumerable<FhirResourceRegistration> registrations)
    {
        var list = registrations.ToList();
        foreach (var duplicate in list.GroupBy(r => r.ResourceType).Where(g => g.Count() > 1))
        {
            throw new InvalidOperationException($"FHIR resource type {duplicate.Key} is registered more than once.");
        }
        foreach (var r in list)
        {
            if (!ModelInfo.IsKnownResource(r.ResourceType))
            {
                throw new InvalidOperationException($"{r.ResourceType} is not a FHIR R4 resource type.");
            }
            foreach (var p in r.SearchParameters.GroupBy(p => p.Name).Where(g => g.Count() > 1 || g.Key.StartsWith('_')))
            {
                throw new InvalidOperationException($"Search parameter {p.Key} of {r.ResourceType} is declared twice or uses a reserved name.");
            }
        }
        _byType = list.ToFrozenDictionary(r => r.ResourceType, StringComparer.Ordinal);
        Resources = list.OrderBy(r => r.ResourceType, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<FhirResourceRegistration> Resources { get; }

    public FhirResourceRegistration? Find(string resourceType) => _byType.GetValueOrDefault(resourceType);
}

public static class FhirRegistration
{
    /// <summary>Registers a module's resource handler; the one line a module adds to map a FHIR resource.</summary>
    public static IServiceCollection AddFhirResource<THandler>(this IServiceCollection services)
        where THandler : class, IFhirResourceHandler, IFhirResourceDefinition
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new FhirResourceRegistration(
            THandler.ResourceType,
            THandler.SearchParameters,
            typeof(IFhirCreateHandler).IsAssignableFrom(typeof(THandler)),
            typeof(THandler)));
        return services;
    }
}
