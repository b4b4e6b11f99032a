using Nara.Modules.Booking.Contracts;
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
/// Staff answer a case by booking a call-back, video call or visit: a free time of the unit's schedule (<c>slotId</c>),
/// booked for the patient in the same transaction, so that the case, the calendar and the patient's bookings agree. The
/// channel is the time's kind. (A bare time, <c>at</c> with <c>channel</c>, is still taken from systems that only note
/// when; the UI always books a slot.) The resident gets a message saying when.
/// </summary>
public sealed class BookCallback(NaraDbContext db, Messaging.Contracts.IMessageThreads threads, CaseViews cases, DomainEvents events, IResidentBooking booking, TimeProvider time) : IFeature
{
    /// <param name="At">A time noted without a slot (with <paramref name="Channel"/>); ignored when a slot is given.</param>
    /// <param name="Channel">Telefon, Video or Besok, with <paramref name="At"/>.</param>
    /// <param name="SlotId">A free time of the unit to book for the patient.</param>
    public sealed record Request(DateTimeOffset? At, TriageChannel? Channel, Guid? SlotId = null);

    public async Task<CaseView> HandleAsync(Actor actor, TriageCaseId id, Request request, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (request.SlotId is null)
        {
            if (request.At is not { } noted)
            {
                throw ProblemException.Invalid("slotId", "Välj en ledig tid.");
            }
            if (noted < now.AddMinutes(-1) || noted > now.AddDays(30))
            {
                throw ProblemException.Invalid("at", "Tiden ska vara från nu och högst 30 dagar framåt.");
            }
            if (request.Channel is not (TriageChannel.Telefon or TriageChannel.Video or TriageChannel.Besok))
            {
                throw ProblemException.Invalid("channel", "Välj telefon, video eller besök.");
            }
        }
        var c = await cases.LoadAsync(actor, id, AuditAction.Write, ct);
        if (c.Status == CaseStatus.Stangd)
        {
            throw ProblemException.Conflict("id", "Ärendet är stängt.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (at, channel) = (request.At ?? now, request.Channel ?? TriageChannel.Telefon);
        if (request.SlotId is { } slotId)
        {
            var booked = await booking.BookInTransactionAsync(actor, new SlotId(slotId), c.ResidentId, "Återkoppling i ärende", ct);
            (at, channel) = (booked.Start, booked.Type switch
            {
                SlotType.Telefon => TriageChannel.Telefon,
                SlotType.Video => TriageChannel.Video,
                SlotType.Besok => TriageChannel.Besok,
                _ => throw ProblemException.Invalid("slotId", "Välj en tid för telefon, video eller besök."),
            });
        }
        ReplyToCase.Contact(c, actor, now);
        c.CallbackAt = at;
        c.CallbackChannel = channel;
        var local = Platform.Time.Stockholm.InWords(at);
        var what = channel switch
        {
            TriageChannel.Telefon => $"Vi ringer dig {local}.",
            TriageChannel.Video => $"Vi har bokat ett videosamtal {local}. Du får en länk i Nära.",
            _ => $"Välkommen på besök {local}.",
        };
        await threads.AddAsync(c.ThreadId, actor, what, now, ct);
        await cases.SaveAsync(c, ct);
        await events.PublishAsync(new TriageCaseAnswered(c.Id, c.ResidentId, c.UnitId, now, actor.StaffId, actor.Profession, at, channel), ct);
        await transaction.CommitAsync(ct);
        return await cases.ViewAsync(c, ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/triage/cases/{id:guid}/callback", async (Guid id, Request request, HttpContext http, BookCallback handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new TriageCaseId(id), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("En väg in – inkorg")
            .WithSummary("Boka återkoppling: slotId, en ledig tid i enhetens schema (telefon, video eller besök), bokas för patienten. Utan slotId noteras en tid: at (ISO 8601 med tidszon) och channel (Telefon, Video eller Besok).");
}
