namespace Nara.Platform.Api;

/// <summary>Free text a client sends: trimmed, null when empty, and a 400 naming the field when too long.</summary>
public static class InputText
{
    /// <summary>An optional text, trimmed (null when empty), or a 400 naming <paramref name="field"/> when longer than <paramref name="max"/>.</summary>
    public static string? Optional(string? text, string field, int max, string what)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length <= max ? trimmed : throw ProblemException.Invalid(field, $"{what} får vara högst {max} tecken.");
    }
}
