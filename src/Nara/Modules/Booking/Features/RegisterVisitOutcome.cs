using Nara.Modules.Booking.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Staff at the unit register how a booked visit went: done (a contact, which may stop care-guarantee clocks) or a
/// no-show (followed up). A no-show can be registered only once the visit has started. One transaction with the audit.
/// </summary>
public sealed class RegisterVisitOutcome(NaraDbContext db, ResidentAccess access, IBookedVisits visits, DomainEvents events, TimeProvider time) : IFeature
{
    public sealed record Request(AppointmentStatus? Outcome);

    public async Task HandleAsync(Actor actor, AppointmentId id, Request request, CancellationToken ct)
    {
        if (request.Outcome is not (AppointmentStatus.Genomford or AppointmentStatus.UteBlev))
        {
            throw ProblemException.Invalid("outcome", "Välj Genomford (besöket blev av) eller UteBlev (personen kom inte).");
        }
        if (actor.IsResident)
        {
            throw ProblemException.Forbidden("Bara personal registrerar besök.");
        }
        var (appointment, grant) = await CancelAppointment.FindOwnAsync(db, access, actor, id, ct);
        if (appointment.Status != AppointmentStatus.Bokad)
        {
            throw ProblemException.Conflict("id", "Besöket är redan avbokat eller registrerat.");
        }
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (request.Outcome == AppointmentStatus.UteBlev)
        {
            if (appointment.Start > now)
            {
                throw ProblemException.Invalid("outcome", "Ett besök kan registreras som uteblivet först när det har börjat.");
            }
            appointment.Status = AppointmentStatus.UteBlev;
            await db.SaveChangesAsync(ct);
            await events.PublishAsync(new VisitNoShow(appointment.Id, appointment.ResidentId, appointment.UnitId, appointment.Start, now), ct);
        }
        else
        {
            await visits.RecordVisitAsync(appointment.Id, actor.StaffId, ct);
        }
        await grant.AuditAsync(request.Outcome == AppointmentStatus.UteBlev ? "Uteblivet besök" : "Genomfört besök", ct);
        await transaction.CommitAsync(ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/appointments/{id:guid}/outcome", async (Guid id, Request request, HttpContext http, RegisterVisitOutcome handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(id), request, ct);
                return Results.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Registrera att ett besök blev av (Genomford) eller att personen uteblev (UteBlev).");
}
