using Hl7.Fhir.Model;
using Nara.Platform.Auth;

namespace Nara.Fhir;

/// <summary>
/// One module's share of a resource type that several modules map (Questionnaire: the triage knowledge base and the
/// rating instruments; Observation: home measurements and instrument scores; Flag: crisis and measurement alerts). The
/// source decides access and audits, as a handler does.
/// </summary>
public interface IFhirSource
{
    /// <summary>The resource type it serves a share of.</summary>
    string ResourceType { get; }

    /// <summary>The resource with this id if it is this source's (null otherwise), under the access rules.</summary>
    Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct);

    /// <summary>One page of this source's matches, or null when the search is not for this source (another category, another questionnaire).</summary>
    Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct);
}

/// <summary>A source that also creates (a partner system's POST), when the resource is its kind.</summary>
public interface IFhirCreateSource : IFhirSource
{
    /// <summary>The resource as stored, or null when the resource is not this source's kind.</summary>
    Task<Resource?> CreateAsync(Actor actor, Resource resource, CancellationToken ct);
}

public static class FhirSourceRegistration
{
    /// <summary>Registers a module's share of a resource type served by <see cref="FhirSourcedResource"/>.</summary>
    public static IServiceCollection AddFhirSource<T>(this IServiceCollection services)
        where T : class, IFhirSource => services.AddScoped<IFhirSource, T>();
}

/// <summary>
/// A resource type served by several modules' sources: a read asks each whose id it is; a search goes to the sources it
/// is for, one after another (the first source's matches, then the next's), paged across them by their totals.
/// </summary>
public abstract class FhirSourcedResource(IEnumerable<IFhirSource> sources, string resourceType) : IFhirResourceHandler
{
    private readonly IReadOnlyList<IFhirSource> _sources = sources.Where(s => s.ResourceType == resourceType).ToList();

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        foreach (var source in _sources)
        {
            if (await source.ReadAsync(actor, id, ct) is { } found)
            {
                return found;
            }
        }
        throw FhirException.NotFound(resourceType, id);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var resources = new List<Resource>();
        var skip = search.Offset;
        var total = 0;
        var answered = false;
        foreach (var source in _sources)
        {
            var want = search.Count - resources.Count;
            var page = await source.SearchAsync(actor, search.WithPage(skip, Math.Max(want, 0), wantsTotal: true), ct);
            if (page is null)
            {
                continue;
            }
            answered = true;
            var count = page.Total ?? page.Resources.Count;
            total += count;
            resources.AddRange(page.Resources.Take(Math.Max(want, 0)));
            skip = Math.Max(0, skip - count);
        }
        return answered ? new FhirPage(resources, search.WantsTotal ? total : null, search.Offset + resources.Count < total) : new FhirPage([], search.WantsTotal ? 0 : null, false);
    }

    /// <summary>For a type some source creates: the first source whose kind the resource is stores it.</summary>
    protected async Task<Resource> CreateThroughSourcesAsync(Actor actor, Resource resource, CancellationToken ct)
    {
        foreach (var source in _sources.OfType<IFhirCreateSource>())
        {
            if (await source.CreateAsync(actor, resource, ct) is { } created)
            {
                return created;
            }
        }
        throw new FhirException(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.NotSupported,
            $"{resourceType} av det här slaget kan inte skapas här.");
    }
}
