using Hl7.Fhir.Model;
using Nara.Platform.Auth;

namespace Nara.Fhir;

/// <summary>
/// One kind of Task a module serves (<see cref="TaskResource"/>): a triage case, a planned activity, a pathway step.
/// Registered by the module with <see cref="TaskSourceRegistration.AddFhirTaskSource{T}"/>; the source decides access.
/// </summary>
public interface IFhirTaskSource
{
    /// <summary>The value of the <c>kind</c> search parameter that selects this source.</summary>
    string Kind { get; }

    /// <summary>The Task with this id if it is this source's (null otherwise), under the access rules.</summary>
    Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct);

    /// <summary>One page of this source's Tasks that match the search, under the access rules.</summary>
    Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct);
}

public static class TaskSourceRegistration
{
    public static IServiceCollection AddFhirTaskSource<T>(this IServiceCollection services)
        where T : class, IFhirTaskSource => services.AddScoped<IFhirTaskSource, T>();
}

/// <summary>
/// Task across the modules: triage cases (the default), the activities of a person's plan (<c>kind=plan-activity</c>)
/// and the steps of their care pathways (<c>kind=pathway-step</c>). A read asks each module whose id it is; a search
/// goes to the kind asked for. Each module maps its own and decides access.
/// </summary>
internal sealed class TaskResource(IEnumerable<IFhirTaskSource> sources) : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string DefaultKind = "triage-case";

    public static string ResourceType => "Task";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("owner", SearchParamType.Reference, "Organization/<id>: ärenden till en enhet. Personal ser bara sin egen enhet (standard)."),
        new("patient", SearchParamType.Reference, "Patient/<id>: en persons ärenden, planaktiviteter eller vårdförloppssteg."),
        new("status", SearchParamType.Token, "requested, in-progress, completed (eller cancelled för planaktiviteter)."),
        new("kind", SearchParamType.Token, "triage-case (standard: ärenden från En väg in), plan-activity (aktiviteter i personens plan) eller pathway-step (steg i personens vårdförlopp)."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        foreach (var source in sources)
        {
            if (await source.ReadAsync(actor, id, ct) is { } found)
            {
                return found;
            }
        }
        throw FhirException.NotFound(ResourceType, id);
    }

    public Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var kind = search.Token("kind")?.Code ?? DefaultKind;
        var source = sources.FirstOrDefault(s => s.Kind == kind)
            ?? throw FhirException.BadParameter("kind", $"'{kind}' stöds inte; använd {string.Join(", ", sources.Select(s => s.Kind))}.");
        return source.SearchAsync(actor, search, ct);
    }
}
