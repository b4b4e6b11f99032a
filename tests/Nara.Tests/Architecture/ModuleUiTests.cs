using System.Text.RegularExpressions;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Architecture;

/// <summary>
/// House rule 11: a module owns its UI. Its texts are in its own Resources (LocalisationKeysTests), its menu entries
/// are registered in its AddX (NavigationTextsTests), and its scripts sit beside its components; the shared layout,
/// the app shell and wwwroot name no module, so adding a module does not edit them.
/// </summary>
public sealed partial class ModuleUiTests
{
    private static string Src() => RepoFiles.Src;

    [Fact]
    public void Scripts_sit_beside_their_components_not_in_wwwroot()
    {
        var wwwroot = Path.Combine(Src(), "wwwroot");
        var scripts = Directory.EnumerateFiles(wwwroot, "*.js", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(wwwroot, f).Replace(Path.DirectorySeparatorChar, '/'))
            // Third-party libraries as shipped, and the one initializer that starts a page's own script (PageScript).
            .Where(f => !f.StartsWith("lib/", StringComparison.Ordinal) && f != "Nara.lib.module.js")
            .ToList();
        Assert.True(scripts.Count == 0, "scripts in wwwroot that belong beside a component (Name.razor.js): " + string.Join(", ", scripts));
    }

    [Fact]
    public void The_app_shell_loads_no_module_script()
    {
        var app = File.ReadAllText(Path.Combine(Src(), "Components", "App.razor"));
        Assert.Equal(["_framework/blazor.web.js"], ScriptSource().Matches(app).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void The_layout_has_no_menu_entry_of_its_own()
    {
        foreach (var file in new[] { Path.Combine("Layout", "MainLayout.razor"), Path.Combine("Shared", "MyPagesNav.razor") })
        {
            var razor = File.ReadAllText(Path.Combine(Src(), "Components", file));
            Assert.DoesNotMatch(FixedNavLink(), razor);
            Assert.Contains("Navigation.In(NavArea.", razor, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Shared_components_use_no_module()
    {
        var uses = TypeDependencies.OfNara
            .Where(t => TypeDependencies.IsWithin(t.Type.Namespace, "Nara.Components"))
            .SelectMany(t => t.References.Where(r => TypeDependencies.ModuleOf(r.Namespace) is not null).Select(r => $"{t.Type.FullName} uses {r.FullName}"))
            .ToList();
        Assert.True(uses.Count == 0, string.Join("\n", uses));
    }

    [Fact]
    public void Every_collocated_script_is_started_by_its_component()
    {
        foreach (var script in Directory.EnumerateFiles(Path.Combine(Src(), "Modules"), "*.razor.js", SearchOption.AllDirectories))
        {
            var component = script[..^".js".Length];
            Assert.True(File.Exists(component), $"{script} has no component beside it");
            var relative = Path.GetRelativePath(Src(), script).Replace(Path.DirectorySeparatorChar, '/');
            Assert.Contains($"<PageScript Src=\"{relative}\" />", File.ReadAllText(component), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("""<script src="([^"]+)""")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("""<NavLink href="/""")]
    private static partial Regex FixedNavLink();
}
