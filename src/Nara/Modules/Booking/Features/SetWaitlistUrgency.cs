using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Staff at the unit set how urgent a wish is (0–4, higher first; the scale of a triage decision): a clinical judgement,
/// so residents cannot set it. It decides who is offered the next freed time.
/// </summary>
public sealed class SetWaitlistUrgency(NaraDbContext db, ResidentAccess access) : IFeature
{
    public sealed record Request(int? Urgency);

    public async Task<IResult> HandleAsync(Actor actor, WaitlistEntryId entryId, Request request, CancellationToken ct)
    {
        if (request.Urgency is not { } urgency || urgency < 0 || urgency > WaitlistEntry.MaxUrgency)
        {
            return Problems.Invalid("urgency", "Angelägenhetsgraden ska vara 0–4.");
        }
        var entry = await db.Set<WaitlistEntry>().FirstOrDefaultAsync(w => w.Id == entryId, ct);
        if (entry is null)
        {
            return Problems.NotFound("Köplatsen");
        }
        AccessGrant grant;
        try
        {
            grant = await access.RequireAsync(actor, entry.ResidentId, BookingQueries.UnitRecord(JoinWaitlist.AuditResource, entry.UnitId, "Köplatsen finns inte."), ct);
        }
        catch (ProblemException refused)
        {
            return refused.ToResult();
        }
        if (entry.Status != WaitlistStatus.Aktiv)
        {
            return Problems.Conflict("Köplatsen är inte aktiv.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        entry.Urgency = urgency;
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync($"Angelägenhetsgrad {urgency}", ct);
        await transaction.CommitAsync(ct);
        return Results.NoContent();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/waitlist/{id:guid}/urgency", (Guid id, Request? request, HttpContext http, SetWaitlistUrgency handler, CancellationToken ct) =>
                handler.HandleAsync(Actor.FromPrincipal(http.User)!, new WaitlistEntryId(id), request ?? new Request(null), ct))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Personal på enheten anger hur angelägen en köplats är (0–4, högre erbjuds först).");
}
