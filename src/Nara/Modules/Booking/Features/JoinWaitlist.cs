using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// A resident (or a guardian for a child under 13) asks for an earlier time at a unit, for a type of visit; optionally
/// to replace a booking they have, optionally no later than a date. Staff at the unit may put a resident on the list
/// and set the urgency (0–4). One active wish per resident, unit and type.
/// </summary>
public sealed class JoinWaitlist(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time)
{
    public const string AuditResource = "Väntelista";

    public sealed record Request(Guid? UnitId, SlotType? Type, Guid? ResidentId, Guid? ReplacesAppointmentId, DateOnly? LatestDate, int? Urgency);

    public sealed record Joined(Guid Id);

    /// <summary>The new entry's id, or a problem naming the field.</summary>
    public async Task<(Guid? Id, IResult? Problem)> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        if (request.UnitId is not { } unitGuid || await organisation.GetUnitAsync(new UnitId(unitGuid), ct) is null)
        {
            return (null, Problems.Invalid("unitId", "Välj en vårdenhet."));
        }
        var unit = new UnitId(unitGuid);
        if (request.Type is not { } type)
        {
            return (null, Problems.Invalid("type", "Välj typ av besök."));
        }
        if (request.Urgency is { } u && (u < 0 || u > WaitlistEntry.MaxUrgency))
        {
            return (null, Problems.Invalid("urgency", "Angelägenhetsgraden ska vara 0–4."));
        }
        if (request.LatestDate is { } latest && latest < Stockholm.Today(time))
        {
            return (null, Problems.Invalid("latestDate", "Sista dag kan inte ligga i det förflutna."));
        }
        ResidentId resident;
        AccessBasis basis;
        if (actor.IsResident)
        {
            resident = request.ResidentId is { } r ? new ResidentId(r) : actor.ResidentId;
            var decision = await access.DecideAsync(actor, resident, ct);
            if (!decision.Allowed)
            {
                await access.AuditAsync(actor, resident, AuditResource, AuditAction.Write, AuditOutcome.Denied, AccessBasis.None, null, ct);
                return (null, Problems.Forbidden(decision.Explanation ?? "Åtkomst nekad."));
            }
            basis = decision.Basis;
        }
        else
        {
            if (request.ResidentId is not { } r)
            {
                return (null, Problems.Invalid("residentId", "Ange vilken invånare önskemålet gäller."));
            }
            if (actor.Unit != unit)
            {
                return (null, Problems.Forbidden("Du kan bara lägga invånare i kö på den enhet du arbetar på."));
            }
            resident = new ResidentId(r);
            basis = AccessBasis.CareRelationship;
        }
        if (request.ReplacesAppointmentId is { } replaces
            && !await db.Set<Appointment>().AnyAsync(a => a.Id == replaces && a.ResidentId == resident && a.UnitId == unit && a.Status == AppointmentStatus.Bokad, ct))
        {
            return (null, Problems.Invalid("replacesAppointmentId", "Bokningen som ska ersättas finns inte bland dina bokade tider på enheten."));
        }
        if (await db.Set<WaitlistEntry>().AnyAsync(w => w.ResidentId == resident && w.UnitId == unit && w.Type == type && w.Status == WaitlistStatus.Aktiv, ct))
        {
            return (null, Problems.Conflict("Du står redan i kö för en tidigare tid av den här typen på enheten."));
        }
        var entry = new WaitlistEntry
        {
            ResidentId = resident,
            UnitId = unit,
            Type = type,
            Urgency = actor.IsResident ? 0 : request.Urgency ?? 0,
            ReplacesAppointmentId = request.ReplacesAppointmentId,
            LatestDate = request.LatestDate,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        await access.AuditAsync(actor, resident, AuditResource, AuditAction.Write, AuditOutcome.Allowed, basis, null, ct);
        await transaction.CommitAsync(ct);
        return (entry.Id, null);
    }

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/waitlist", async (Request? request, HttpContext http, JoinWaitlist handler, CancellationToken ct) =>
            {
                var (id, problem) = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request ?? new Request(null, null, null, null, null, null), ct);
                return problem ?? Results.Created($"/api/booking/waitlist/{id}", new Joined(id!.Value));
            })
            .RequireAuthorization()
            .WithTags("Bokning")
            .WithSummary("Ställ dig i kö för en tidigare tid på en enhet (typ av besök, ev. bokning som ersätts, ev. sista dag). Personal på enheten kan lägga en invånare i kö och ange angelägenhetsgrad 0–4.");
}
