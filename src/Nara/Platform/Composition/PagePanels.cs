namespace Nara.Platform.Composition;

/// <summary>
/// A section a module adds to a page that several modules share (the staff's workday), registered in its <c>AddX</c> like a
/// menu entry: the component, its place (lower first) and the roles that see it. The page renders what is registered, so
/// a module's part of the workday lives in the module and reaches the page without the page knowing the module.
/// </summary>
public sealed record PagePanel(string Page, Type Component, int Order, IReadOnlyList<string> Roles);

public static class PagePanelRegistration
{
    /// <summary>The staff's start page (<c>/min-arbetsdag</c>): the unit's day at a glance.</summary>
    public const string Workday = "workday";

    public static IServiceCollection AddPagePanel(this IServiceCollection services, PagePanel panel) => services.AddSingleton(panel);
}

/// <summary>The registered panels of a page, in order.</summary>
public sealed class PagePanels(IEnumerable<PagePanel> panels)
{
    private readonly IReadOnlyList<PagePanel> _panels = panels.OrderBy(p => p.Order).ThenBy(p => p.Component.FullName, StringComparer.Ordinal).ToList();

    public IEnumerable<PagePanel> For(string page) => _panels.Where(p => p.Page == page);
}
