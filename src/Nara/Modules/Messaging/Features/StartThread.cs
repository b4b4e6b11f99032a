using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// Starts a thread with its first message. The person (or a guardian for a child) writes to their vårdcentral or a unit
/// in their care team; staff write to a person they have access to, from their own unit. The thread is the unit's record.
/// In one transaction with its audit event (and, from staff, the outbox notice); the unit's open inbox is told.
/// </summary>
public sealed class StartThread(NaraDbContext db, ResidentAccess access, ListMessageRecipients recipients, DomainEvents events, MessagingNotifier notifier, TimeProvider time) : IFeature
{
    /// <param name="ResidentId">Whom the thread is about: yourself (default) or a child you are guardian for; from staff, given in the path.</param>
    /// <param name="UnitId">The unit to write to (residents; staff write from their own unit).</param>
    /// <param name="Topic">What it is about (at most 200 characters).</param>
    /// <param name="Text">The first message (at most 4,000 characters).</param>
    /// <param name="Attachments">Files, each as base64 with its name (images JPEG or PNG, or PDF; at most three of 5 MB each).</param>
    public sealed record Request(Guid? ResidentId, Guid? UnitId, string? Topic, string? Text, IReadOnlyList<PostMessage.FileRequest>? Attachments = null);

    /// <param name="ThreadId">The new thread.</param>
    /// <param name="AnswerDueAt">When the unit promised to answer (a message from the person); null from staff.</param>
    public sealed record Response(Guid ThreadId, DateTimeOffset? AnswerDueAt);

    public async Task<Response> HandleAsync(Actor actor, ResidentId resident, UnitId? unitId, string? topic, string? text, IReadOnlyList<NewAttachment> attachments, CancellationToken ct)
    {
        var subject = Threads.Required(topic, "topic", Threads.MaxTopic, "Skriv vad det gäller.", "Ämnet");
        var body = Threads.Required(text, "text", Threads.MaxText, "Skriv ett meddelande.", "Meddelandet");
        var files = PostMessage.Checked(attachments);
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write(Threads.AuditResource) with
        {
            HiddenAs = actor.IsResident ? ("residentId", "Personen finns inte.") : null,
            AuditWhenDone = true,
        }, ct);
        UnitId unit;
        if (actor.IsResident)
        {
            var allowed = await recipients.RecipientsAsync(resident, ct);
            if (unitId is not { } chosen || allowed.All(r => r.UnitId != chosen.Value))
            {
                throw ProblemException.Invalid("unitId", allowed.Count == 0
                    ? "Du har ingen vårdcentral eller vårdenhet att skriva till i Nära. Kontakta vården via 1177."
                    : "Välj en mottagare: din vårdcentral eller en enhet i ditt vårdteam.");
            }
            unit = chosen;
        }
        else
        {
            unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att skriva till en patient.");
        }
        var now = time.GetUtcNow();
        var thread = new MessageThread
        {
            ResidentId = resident, UnitId = unit, Topic = subject, StartedBy = actor.Id, StartedByStaff = !actor.IsResident, CreatedAt = now, LastMessageAt = now,
        };
        db.Add(thread);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var (message, _) = await Threads.AddMessageAsync(db, thread, actor, body, files, now, ct);
            await events.PublishAsync(new ThreadMessagePosted(thread.Id, null, resident, unit, actor, message.FromStaff, now, message.Id.Value, $"{subject} {body}"), ct);
            using (db.CollectWrites())
            {
                await grant.AuditAsync("Startade en tråd", ct);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        await notifier.ThreadChangedAsync(thread);
        return new Response(thread.Id.Value, thread.AnswerDueAt);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages/threads", async (HttpContext http, StartThread handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var (request, files) = await ReadAsync(http.Request, ct);
                var resident = request.ResidentId is { } r ? new ResidentId(r) : actor.ResidentId;
                var created = await handler.HandleAsync(actor, resident, request.UnitId is { } u ? new UnitId(u) : null, request.Topic, request.Text, files, ct);
                return TypedResults.Created($"/api/messages/threads/{created.ThreadId}", created);
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithWriteLimit()
            .Accepts<Request>("application/json", "multipart/form-data")
            .WithTags("Meddelanden")
            .WithSummary("Skriv till din vårdcentral eller en enhet i ditt vårdteam (som JSON, eller multipart/form-data med residentId, unitId, topic, text och högst tre filer).");
        endpoints.MapPost("/api/residents/{residentId:guid}/threads", async (Guid residentId, HttpContext http, StartThread handler, CancellationToken ct) =>
            {
                var (request, files) = await ReadAsync(http.Request, ct);
                var created = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), null, request.Topic, request.Text, files, ct);
                return TypedResults.Created($"/api/messages/threads/{created.ThreadId}", created);
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .Accepts<Request>("application/json", "multipart/form-data")
            .WithTags("Meddelanden")
            .WithSummary("Skriv till en patient du har vårdrelation med, från din enhet: topic och text (JSON, eller multipart/form-data med filer).");
    }

    private static async Task<(Request Request, IReadOnlyList<NewAttachment> Files)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasFormContentType)
        {
            try
            {
                var request = (http.HasJsonContentType() ? await http.ReadFromJsonAsync<Request>(ct) : null) ?? new Request(null, null, null, null);
                return (request, PostMessage.Decode(request.Attachments));
            }
            catch (System.Text.Json.JsonException)
            {
                throw ProblemException.Invalid("body", "Meddelandet kunde inte läsas. Skicka JSON med unitId, topic och text.");
            }
        }
        var form = await http.ReadFormAsync(ct);
        Guid? Id(string field) => string.IsNullOrEmpty(form[field]) ? null
            : Guid.TryParse(form[field], out var g) ? g : throw ProblemException.Invalid(field, "Id:t är inte ett giltigt id (GUID).");
        var (_, files) = await PostMessage.ReadAsync(http, ct);
        return (new Request(Id("residentId"), Id("unitId"), form["topic"], form["text"]), files);
    }
}
