using System.Text.Json;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// Writes in a thread: the person (or a guardian for a child) or staff at the thread's unit, with up to three photos or
/// PDFs. The person's message starts the unit's promised answer time (its working days); care's answer ends it and, if
/// nobody holds the thread, gives it to the one who answered. In one transaction with its audit event and the outbox
/// notice; pushed live to the thread's open pages after commit. Someone not part of the thread gets a 404.
/// </summary>
public sealed class PostMessage(NaraDbContext db, ResidentAccess access, DomainEvents events, MessagingNotifier notifier, TimeProvider time) : IFeature
{
    /// <param name="Text">The message (at most 4,000 characters); may be empty when a file is attached.</param>
    /// <param name="Attachments">Files, each as base64 with its name (images JPEG or PNG, or PDF; at most three of 5 MB each).</param>
    public sealed record Request(string? Text, IReadOnlyList<FileRequest>? Attachments);

    /// <param name="FileName">The file's name.</param>
    /// <param name="ContentType">Its type, as the sender says (the content decides).</param>
    /// <param name="Data">Its bytes, base64.</param>
    public sealed record FileRequest(string? FileName, string? ContentType, string? Data);

    public async Task<ThreadMessageView> HandleAsync(Actor actor, ThreadId id, string? text, IReadOnlyList<NewAttachment> attachments, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A message is posted in its own transaction, so that it is pushed only once committed.");
        }
        var body = InputText.Optional(text, "text", Threads.MaxText, "Meddelandet");
        var files = Checked(attachments);
        if (body is null && files.Count == 0)
        {
            throw ProblemException.Invalid("text", "Skriv ett meddelande eller bifoga en fil.");
        }
        var now = time.GetUtcNow();
        ThreadMessage message;
        List<MessageAttachment> added;
        // Checked before the transaction, so that a refusal stays in the access log; the thread's concurrency token
        // guards what is read here.
        var (thread, grant) = await Threads.OpenAsync(db, access, actor, id, AuditAction.Write, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (thread.Status == ThreadStatus.Avslutad)
            {
                throw ProblemException.Conflict("id", "Tråden är avslutad. Starta en ny tråd om du vill skriva igen.");
            }
            (message, added) = await Threads.AddMessageAsync(db, thread, actor, body, files, now, ct);
            await events.PublishAsync(new ThreadMessagePosted(thread.Id, thread.Origin, thread.ResidentId, thread.UnitId, actor, message.FromStaff, now, message.Id.Value, body), ct);
            await Threads.SaveAsync(db, grant, files.Count == 0 ? "Skrev ett meddelande" : $"Skrev ett meddelande med {files.Count} bilag{(files.Count == 1 ? "a" : "or")}", ct);
            await transaction.CommitAsync(ct);
        }
        var view = Threads.View(message, added.Select(a => new AttachmentView(a.Id.Value, a.FileName, a.ContentType, a.Size)).ToList());
        await notifier.PostedAsync(thread, view);
        return view;
    }

    /// <summary>The files within the limits, with their type decided by their content, or a 400 naming <c>attachments</c>.</summary>
    internal static IReadOnlyList<NewAttachment> Checked(IReadOnlyList<NewAttachment> files)
    {
        if (files.Count > AttachmentRules.MaxFiles)
        {
            throw ProblemException.Invalid("attachments", $"Du kan bifoga högst {AttachmentRules.MaxFiles} filer till ett meddelande.");
        }
        var checkedFiles = new List<NewAttachment>();
        foreach (var f in files)
        {
            if (f.Content.Length == 0)
            {
                throw ProblemException.Invalid("attachments", $"Filen {AttachmentRules.SafeName(f.FileName, "application/pdf")} är tom.");
            }
            if (f.Content.Length > AttachmentRules.MaxBytes)
            {
                throw ProblemException.Invalid("attachments", $"Filen {AttachmentRules.SafeName(f.FileName, "application/pdf")} är för stor. En fil får vara högst {AttachmentRules.MaxBytes / 1024 / 1024} MB.");
            }
            var type = AttachmentRules.TypeOf(f.Content)
                ?? throw ProblemException.Invalid("attachments", $"Filen {AttachmentRules.SafeName(f.FileName, "application/pdf")} är inte en bild (JPEG eller PNG) eller en PDF. Andra filtyper kan inte skickas.");
            checkedFiles.Add(new NewAttachment(AttachmentRules.SafeName(f.FileName, type), type, f.Content));
        }
        return checkedFiles;
    }

    /// <summary>The message from a request: JSON (<see cref="Request"/>, files as base64) or a form (<c>text</c> and files).</summary>
    internal static async Task<(string? Text, IReadOnlyList<NewAttachment> Files)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            if (form.Files.Count > AttachmentRules.MaxFiles)
            {
                throw ProblemException.Invalid("attachments", $"Du kan bifoga högst {AttachmentRules.MaxFiles} filer till ett meddelande.");
            }
            var files = new List<NewAttachment>();
            foreach (var file in form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
            {
                files.Add(await FromFormAsync(file, ct));
            }
            return (form["text"].ToString(), files);
        }
        Request? request = null;
        try
        {
            // No body at all reads as an empty message (a 400 saying what is missing).
            if (http.HasJsonContentType())
            {
                request = await http.ReadFromJsonAsync<Request>(ct);
            }
        }
        catch (JsonException)
        {
            throw ProblemException.Invalid("body", "Meddelandet kunde inte läsas. Skicka JSON med text och eventuella attachments.");
        }
        return (request?.Text, Decode(request?.Attachments));
    }

    /// <summary>Files sent as base64 in JSON, decoded (a 400 naming <c>attachments</c> for one that is not base64 or far too large).</summary>
    internal static IReadOnlyList<NewAttachment> Decode(IReadOnlyList<FileRequest>? attachments)
    {
        var fromJson = new List<NewAttachment>();
        foreach (var f in attachments ?? [])
        {
            if (f.Data is null || f.Data.Length > (AttachmentRules.MaxBytes / 3 * 4) + 8)
            {
                throw ProblemException.Invalid("attachments", f.Data is null ? "En bilaga saknar innehåll (data)." : $"En fil får vara högst {AttachmentRules.MaxBytes / 1024 / 1024} MB.");
            }
            try
            {
                fromJson.Add(new NewAttachment(f.FileName ?? "", f.ContentType, Convert.FromBase64String(f.Data)));
            }
            catch (FormatException)
            {
                throw ProblemException.Invalid("attachments", "En bilaga är inte giltig base64.");
            }
        }
        return fromJson;
    }

    /// <summary>A file from a form, refused before it is read when it is larger than the limit.</summary>
    internal static async Task<NewAttachment> FromFormAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > AttachmentRules.MaxBytes)
        {
            throw ProblemException.Invalid("attachments", $"Filen {AttachmentRules.SafeName(file.FileName, "application/pdf")} är för stor. En fil får vara högst {AttachmentRules.MaxBytes / 1024 / 1024} MB.");
        }
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return new NewAttachment(file.FileName, file.ContentType, buffer.ToArray());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/messages/threads/{id:guid}/messages", async (Guid id, HttpContext http, PostMessage handler, CancellationToken ct) =>
            {
                var (text, files) = await ReadAsync(http.Request, ct);
                return TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ThreadId(id), text, files, ct));
            })
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .Accepts<Request>("application/json", "multipart/form-data")
            .WithTags("Meddelanden")
            .WithSummary("Skriv i en tråd (personen, vårdnadshavare eller personal på trådens enhet): text och högst tre bilagor (JPEG, PNG eller PDF, högst 5 MB var), som JSON med base64 eller som multipart/form-data (text, filer).");
}
