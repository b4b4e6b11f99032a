using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Features;

namespace Nara.Modules.Messaging;

/// <summary>The files of a posted page form (the pages' message forms are multipart), under the same limits as the API.</summary>
internal static class MessageFiles
{
    public static async Task<IReadOnlyList<NewAttachment>> ReadAsync(HttpContext? http, CancellationToken ct)
    {
        if (http is null || !http.Request.HasFormContentType)
        {
            return [];
        }
        var form = await http.Request.ReadFormAsync(ct);
        var files = new List<NewAttachment>();
        foreach (var file in form.Files.Where(f => f.Length > 0))
        {
            files.Add(await PostMessage.FromFormAsync(file, ct));
        }
        return files;
    }
}
