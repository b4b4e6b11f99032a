using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// A resident (or a guardian for a child under 13) asks for an earlier time at a unit, for a type of visit; optionally
/// to replace a booking they have, optionally no later than a date. Staff at the unit may put a resident on the list
/// and set the urgency (0–4). One active wish per resident, unit and type. A wish that refers to the resident's triage
/// case starts at the urgency decided on the case (staff may still give their own).
/// </summary>
public sealed class JoinWaitlist(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, ITriageCaseUrgency triage, TimeProvider time) : IFeature
{
    public const string AuditResource = "Väntelista";

    public sealed record Request(Guid? UnitId, SlotType? Type, Guid? ResidentId, Guid? ReplacesAppointmentId, DateOnly? LatestDate, int? Urgency, Guid? TriageCaseId);

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
        if (!actor.IsResident && request.ResidentId is null)
        {
            return (null, Problems.Invalid("residentId", "Ange vilken invånare önskemålet gäller."));
        }
        var resident = request.ResidentId is { } r ? new ResidentId(r) : actor.ResidentId;
        // A wish is the resident's personal data: the resident themself or a guardian, or staff putting someone in their own unit's queue.
        var wish = AccessRequest.Write(AuditResource) with { AuditWhenDone = true };
        AccessGrant grant;
        try
        {
            grant = await access.RequireAsync(actor, resident, wish.AtUnitRecord(unit) with
            {
                OtherUnitRefusal = "Du kan bara lägga invånare i kö på den enhet du arbetar på.",
            }, ct);
        }
        catch (ProblemException refused)
        {
            return (null, refused.ToResult());
        }
        var urgency = actor.IsResident ? 0 : request.Urgency ?? 0;
        string? auditNote = null;
        if (request.TriageCaseId is { } caseId)
        {
            var decided = await triage.GetUrgencyAsync(new TriageCaseId(caseId), resident, ct);
            // Staff handle only the cases sent to their own unit (Triage's rule): a case elsewhere is as unknown to them.
            if (decided is null || (!actor.IsResident && decided.Unit != actor.Unit))
            {
                return (null, Problems.Invalid("triageCaseId", "Ärendet finns inte bland invånarens ärenden."));
            }
            if (!actor.IsResident)
            {
                // The urgency is health data on the case: staff read it only with a care relationship (a case at the unit is one, while open and 30 days after).
                try
                {
                    grant = await access.RequireAsync(actor, resident, wish, ct);
                }
                catch (ProblemException refused)
                {
                    return (null, refused.ToResult());
                }
            }
            if (actor.IsResident || request.Urgency is null)
            {
                urgency = UrgencyFromTriage(decided.Urgency);
                auditNote = $"Angelägenhetsgrad {urgency} från triageärende";
            }
        }
        if (request.ReplacesAppointmentId is { } replaces
            && !await db.Set<Appointment>().AnyAsync(a => a.Id == new AppointmentId(replaces) && a.ResidentId == resident && a.UnitId == unit && a.Status == AppointmentStatus.Bokad, ct))
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
            Urgency = urgency,
            ReplacesAppointmentId = request.ReplacesAppointmentId is { } replaced ? new AppointmentId(replaced) : null,
            LatestDate = request.LatestDate,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = actor.Id,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(auditNote, ct);
        await transaction.CommitAsync(ct);
        return (entry.Id.Value, null);
    }

    /// <summary>
    /// The waitlist's 0–4 is the triage scale by its numbers, higher more urgent: egenvård 0, vård inom dagar 1, vård i
    /// dag 2, akut nu 3, ring 112 4. A resident cannot send the two highest to a unit (they are told to go or call now),
    /// but a clinician may close a case with them; they keep their place at the front.
    /// </summary>
    internal static int UrgencyFromTriage(Urgency triage) => triage switch
    {
        Urgency.Egenvard => 0,
        Urgency.VardInomDagar => 1,
        Urgency.VardIdag => 2,
        Urgency.AkutNu => 3,
        Urgency.Ring112 => WaitlistEntry.MaxUrgency,
        _ => throw new ArgumentOutOfRangeException(nameof(triage), triage, null),
    };

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/waitlist", async (Request? request, HttpContext http, JoinWaitlist handler, CancellationToken ct) =>
            {
                var (id, problem) = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request ?? new Request(null, null, null, null, null, null, null), ct);
                return problem ?? Results.Created($"/api/booking/waitlist/{id}", new Joined(id!.Value));
            })
            .RequireAuthorization()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Ställ dig i kö för en tidigare tid på en enhet (typ av besök, ev. bokning som ersätts, ev. sista dag). Personal på enheten kan lägga en invånare i kö och ange angelägenhetsgrad 0–4. Med triageCaseId (invånarens ärende) blir angelägenhetsgraden ärendets, om personal inte anger en egen.");
}
