using System.Globalization;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Triage.Features;

/// <summary>
/// Staff answer a case by booking a call-back, video call or visit at a set time; the resident gets a message saying
/// when. (Until the booking module exists this is a time on the case, not a slot in a schedule.)
/// </summary>
public sealed class BookCallback(NaraDbContext db, CaseViews cases, DomainEvents events, TimeProvider time) : IFeature
{
    public sealed record Request(DateTimeOffset? At, TriageChannel? Channel);

    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (request.At is not { } at)
        {
            throw ProblemException.Invalid("at", "Ange när ni ska höras.");
        }
        if (at < now.AddMinutes(-1) || at > now.AddDays(30))
        {
            throw ProblemException.Invalid("at", "Tiden ska vara från nu och högst 30 dagar framåt.");
        }
        if (request.Channel is not (TriageChannel.Telefon or TriageChannel.Video or TriageChannel.Besok))
        {
            throw ProblemException.Invalid("channel", "Välj telefon, video eller besök.");
        }
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är stängt.");
        }
        ReplyToCase.Contact(c, actor, now);
        c.CallbackAt = at;
        c.CallbackChannel = request.Channel;
        var local = TimeZoneInfo.ConvertTime(at, Platform.Time.Stockholm.Zone).ToString("d MMMM 'kl.' HH:mm", CultureInfo.GetCultureInfo("sv-SE"));
        var what = request.Channel switch
        {
            TriageChannel.Telefon => $"Vi ringer dig {local}.",
            TriageChannel.Video => $"Vi har bokat ett videosamtal {local}. Du får en länk i Nära.",
            _ => $"Välkommen på besök {local}.",
        };
        db.Add(new CaseMessage { CaseId = c.Id, FromStaff = true, AuthorId = actor.Id, AuthorName = actor.Name, Text = what, At = now });
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await cases.SaveAsync(c, ct);
        await events.PublishAsync(new TriageCaseAnswered(c.Id, c.ResidentId, c.UnitId, now, actor.StaffId, actor.Profession, at, request.Channel), ct);
        await transaction.CommitAsync(ct);
        return await cases.ViewAsync(c, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/cases/{id:guid}/callback", async (Guid id, Request request, HttpContext http, BookCallback handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Boka återuppringning, videosamtal eller besök (channel Telefon, Video eller Besok) vid en tid (at, ISO 8601 med tidszon).");
}
