using Nara.Modules.Booking.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>The resident (or a guardian) confirms a time staff sent as an invitation (kallelse). To change it they rebook.</summary>
public sealed class ConfirmInvitation(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    public async Task HandleAsync(Actor actor, AppointmentId id, CancellationToken ct)
    {
        var (appointment, grant) = await CancelAppointment.FindOwnAsync(db, access, actor, id, ct);
        if (!appointment.AwaitingConfirmation)
        {
            throw ProblemException.Conflict("id", "Tiden väntar inte på bekräftelse.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        appointment.AwaitingConfirmation = false;
        appointment.ConfirmedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync("Bekräftad kallelse", ct);
        await transaction.CommitAsync(ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/appointments/{id:guid}/confirm", async (Guid id, HttpContext http, ConfirmInvitation handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(id), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Bekräfta en kallelse. Vill du ändra tiden: boka om.");
}
