namespace Nara.Tests.Infrastructure;

/// <summary>The repository's files as the tests read them: found by walking up from the test output to Nara.slnx.</summary>
public static class RepoFiles
{
    /// <summary>The folder that holds Nara.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>src/Nara, the one deployable.</summary>
    public static string Src => Path.Combine(Root, "src", "Nara");

    /// <summary>True for a path inside a bin or obj folder (build output, not source).</summary>
    public static bool InBuildOutput(string path) =>
        path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nara.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Nara.slnx not found above {AppContext.BaseDirectory}.");
    }
}
