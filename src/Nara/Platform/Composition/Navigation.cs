using Microsoft.Extensions.Localization;

namespace Nara.Platform.Composition;

/// <summary>Where a menu entry shows: the main menu in the header, or the sub-menu of a resident's own pages.</summary>
public enum NavArea
{
    Main,
    MyPages,
}

/// <summary>
/// A menu entry a module registers in its <c>AddX</c>: where it goes, its text (a key in the module's own texts,
/// <paramref name="Texts"/> being the marker beside them), who sees it, and its place (lower first). The layout renders
/// the menus from the registrations, so a new module's pages are reachable without editing the layout.
/// </summary>
public sealed record NavEntry(string Href, Type Texts, string TextKey, IReadOnlyList<string> Roles, int Order)
{
    public NavArea Area { get; init; } = NavArea.Main;

    /// <summary>Marked as the current page only on its own address, not on the pages below it.</summary>
    public bool ExactMatch { get; init; }

    /// <summary>A count shown beside the entry (unread messages): an <see cref="INavBadge"/> service, resolved per request.</summary>
    public Type? Badge { get; init; }
}

/// <summary>The number a menu entry shows beside its name for the signed-in person (0: none shown).</summary>
public interface INavBadge
{
    Task<int> CountAsync(Auth.Actor actor, CancellationToken ct);
}

public static class NavigationRegistration
{
    /// <summary>Registers a menu entry (see <see cref="NavEntry"/>).</summary>
    public static IServiceCollection AddNavEntry(this IServiceCollection services, NavEntry entry) => services.AddSingleton(entry);
}

/// <summary>The registered menu entries, in order, with their texts in the request's language.</summary>
public sealed class ModuleNavigation(IEnumerable<NavEntry> entries, IStringLocalizerFactory texts)
{
    private readonly IReadOnlyList<NavEntry> _entries = entries.OrderBy(e => e.Order).ThenBy(e => e.Href, StringComparer.Ordinal).ToList();

    public IEnumerable<NavEntry> In(NavArea area) => _entries.Where(e => e.Area == area);

    public string Label(NavEntry entry) => texts.Create(entry.Texts)[entry.TextKey];

    /// <summary>The label of the page at <paramref name="href"/> (as its module named it in the menu), for links to it.</summary>
    public string Label(string href) =>
        _entries.Where(e => e.Href == href).OrderBy(e => e.Area).FirstOrDefault() is { } entry ? Label(entry) : href;

    /// <summary>The roles as the AuthorizeView component takes them.</summary>
    public static string RolesOf(NavEntry entry) => string.Join(",", entry.Roles);
}
