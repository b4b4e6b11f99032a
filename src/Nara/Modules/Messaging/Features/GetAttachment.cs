using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// A file attached to a message, for those who may read the thread; audited. Served with its checked type, never
/// sniffed; a PDF downloads, an image shows.
/// </summary>
public sealed class GetAttachment(NaraDbContext db, ResidentAccess access) : IFeature
{
    public sealed record File(string FileName, string ContentType, byte[] Content);

    public async Task<File> HandleAsync(Actor actor, MessageAttachmentId id, CancellationToken ct)
    {
        var meta = await db.Set<MessageAttachment>().AsNoTracking().Where(a => a.Id == id).Select(a => new { a.ThreadId, a.FileName }).FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("id", "Filen finns inte.");
        var (_, grant) = await Threads.OpenAsync(db, access, actor, meta.ThreadId, AuditAction.Read, ct);
        var file = await db.Set<MessageAttachment>().AsNoTracking().Where(a => a.Id == id).Select(a => new File(a.FileName, a.ContentType, a.Content)).FirstAsync(ct);
        await grant.AuditAsync("Öppnade en bilaga", ct);
        return file;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/messages/attachments/{id:guid}", async (Guid id, HttpContext http, GetAttachment handler, CancellationToken ct) =>
            {
                var file = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new MessageAttachmentId(id), ct);
                http.Response.Headers.CacheControl = "private, no-store";
                return TypedResults.File(file.Content, file.ContentType, file.ContentType == "application/pdf" ? file.FileName : null);
            })
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Meddelanden")
            .WithSummary("En bilaga i en tråd (bild eller PDF), för den som får läsa tråden.");
}
