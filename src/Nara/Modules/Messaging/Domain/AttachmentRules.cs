namespace Nara.Modules.Messaging.Domain;

/// <summary>
/// What may be attached to a message: photos (JPEG, PNG) and PDF documents, at most <see cref="MaxFiles"/> files of at
/// most <see cref="MaxBytes"/> each. The type is decided by the file's first bytes, not by its name or the type the
/// sender declared, so a renamed program is refused.
/// </summary>
public static class AttachmentRules
{
    public const int MaxFiles = 3;
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxFileName = 120;

    /// <summary>The accepted types, by their content.</summary>
    public static readonly IReadOnlyList<string> Types = ["image/jpeg", "image/png", "application/pdf"];

    /// <summary>The type the bytes are, among the accepted ones; null for any other.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0x25, 0x50, 0x44, 0x46, 0x2D, ..] => "application/pdf",
        _ => null,
    };

    /// <summary>The file name to keep: without any path, without control characters and characters that mean something in a header, shortened.</summary>
    public static string SafeName(string? name, string type)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').Last();
        var kept = new string(last.Where(c => !char.IsControl(c) && c is not ('"' or ';' or '<' or '>' or ':' or '*' or '?' or '|')).ToArray()).Trim().TrimStart('.');
        if (kept.Length == 0)
        {
            kept = "bilaga" + Extension(type);
        }
        return kept.Length <= MaxFileName ? kept : kept[..(MaxFileName - Extension(type).Length)] + Extension(type);
    }

    private static string Extension(string type) => type switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        _ => ".pdf",
    };
}
