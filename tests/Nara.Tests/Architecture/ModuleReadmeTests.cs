using Nara.Tests.Infrastructure;

namespace Nara.Tests.Architecture;

/// <summary>House rule 8: each module's README says what it owns, its invariants and what personal data it holds.</summary>
public sealed class ModuleReadmeTests
{
    [Fact]
    public void Every_module_folder_has_a_README()
    {
        var modulesFolder = Path.Combine(RepoFiles.Root, "src", "Nara", "Modules");
        var folders = Directory.GetDirectories(modulesFolder).Select(Path.GetFileName).OfType<string>();
        // A module with types but no folder of its name would escape a folder listing; the assembly names it too.
        var modules = folders.Union(TypeDependencies.Modules(), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missing = modules.Where(m => !File.Exists(Path.Combine(modulesFolder, m, "README.md"))).ToList();
        Assert.True(missing.Count == 0, $"No README.md in src/Nara/Modules/ for: {string.Join(", ", missing)}");
    }
}
