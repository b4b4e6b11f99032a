namespace Nara.Platform.Content;

/// <summary>Finds a folder under content/: from configuration (Nara:ContentPath), else walking up from the app and the working directory.</summary>
public static class ContentFolder
{
    public const string ConfigKey = "Nara:ContentPath";

    public static string Find(IConfiguration? configuration, string part)
    {
        var configured = configuration?[ConfigKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured);
            var folder = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) == part ? full : Path.Combine(full, part);
            if (Directory.Exists(folder))
            {
                return folder;
            }
            // A path straight to another part (content/region) still names the content folder beside it.
            var sibling = Path.Combine(Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar)) ?? full, part);
            return Directory.Exists(sibling)
                ? sibling
                : throw new DirectoryNotFoundException($"{ConfigKey} pekar på '{configured}', men där finns ingen mapp {part}/.");
        }
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "content", part);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException($"Hittar ingen mapp content/{part} uppåt från {AppContext.BaseDirectory} eller {Directory.GetCurrentDirectory()}; ange {ConfigKey}.");
    }
}
