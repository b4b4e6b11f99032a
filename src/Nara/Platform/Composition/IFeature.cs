using System.Reflection;
using Nara.Platform.Events;

namespace Nara.Platform.Composition;

/// <summary>
/// A use case: one class in a module's <c>Features/</c> folder, named by what it does. Its module registers all of them
/// at once (<see cref="FeatureRegistration.AddFeatures"/>: scoped, with the domain events each subscribes to) and maps
/// their endpoints at once (<see cref="FeatureRegistration.MapFeatures"/>), so a new use case is one new file.
/// </summary>
public interface IFeature
{
    /// <summary>The use case's HTTP endpoints; none unless the class declares a public static <c>Map</c>.</summary>
    static virtual void Map(IEndpointRouteBuilder endpoints)
    {
    }
}

public static class FeatureRegistration
{
    /// <summary>Registers every use case in the <c>Features</c> namespace beside <paramref name="module"/>.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services, Type module)
    {
        foreach (var feature in Of(module))
        {
            services.AddScoped(feature);
            foreach (var subscription in feature.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainEventSubscriber<>)))
            {
                services.AddScoped(subscription, feature);
            }
        }
        return services;
    }

    /// <summary>Maps the endpoints of every use case in the <c>Features</c> namespace beside <paramref name="module"/>.</summary>
    public static IEndpointRouteBuilder MapFeatures(this IEndpointRouteBuilder endpoints, Type module)
    {
        var mapOne = typeof(FeatureRegistration).GetMethod(nameof(MapOne), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var feature in Of(module))
        {
            mapOne.MakeGenericMethod(feature).Invoke(null, [endpoints]);
        }
        return endpoints;
    }

    /// <summary>The use cases of a module: the concrete <see cref="IFeature"/> classes in <c>{module namespace}.Features</c>, in name order.</summary>
    public static IReadOnlyList<Type> Of(Type module) =>
        module.Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace == module.Namespace + ".Features" && typeof(IFeature).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();

    private static void MapOne<TFeature>(IEndpointRouteBuilder endpoints) where TFeature : IFeature => TFeature.Map(endpoints);
}
