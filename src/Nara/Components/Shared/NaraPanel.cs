using Microsoft.AspNetCore.Components;

namespace Nara.Components.Shared;

/// <summary>
/// Base for a section that renders beside others on one page (the workday's panels, the menu's counts). Blazor starts such
/// components together, so their queries would run at the same time on the request's one DbContext, which it does not
/// allow; each panel's work runs in a scope of its own instead (its own DbContext and use cases), with the same actor.
/// </summary>
public abstract class NaraPanel : NaraPage
{
    [Inject]
    private IServiceScopeFactory ScopeFactory { get; set; } = default!;

    /// <summary>Runs <paramref name="work"/> with a <typeparamref name="TFeature"/> from a scope of its own.</summary>
    protected async Task<T> InOwnScopeAsync<TFeature, T>(Func<TFeature, Task<T>> work)
        where TFeature : notnull
    {
        await using var scope = ScopeFactory.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TFeature>());
    }
}
