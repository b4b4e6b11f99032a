using Nara.Platform.Identifiers;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// The staff member's unit's bookings: a day's list (booked, done, no-shows), or the follow-up list of no-shows and
/// late cancellations over a period. Each resident shown is an audited read, on the care relationship the booking is.
/// </summary>
public sealed class ListUnitAppointments(NaraDbContext db, IResidentDirectory residents, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Date">The day (Swedish date); default today. For follow-up, the last day of the period.</param>
    /// <param name="FollowUp">True: no-shows and late cancellations in the 30 days up to the date.</param>
    public sealed record Query(DateOnly? Date, bool? FollowUp);

    public sealed record Item(Guid AppointmentId, Guid ResidentId, string ResidentName, string Personnummer, DateTimeOffset Start, DateTimeOffset End,
        SlotType Type, string? StaffName, AppointmentStatus Status, bool LateCancellation, bool AwaitingConfirmation, string? Reason, Guid? StaffId = null);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, Query query, CancellationToken ct)
    {
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet.");
        var date = DateBounds.Check("date", query.Date) ?? Stockholm.Today(time);
        var followUp = query.FollowUp == true;
        var first = Stockholm.ToUtc(followUp ? date.AddDays(-30) : date, TimeOnly.MinValue)!.Value;
        var end = Stockholm.ToUtc(date.AddDays(1), TimeOnly.MinValue)!.Value;
        var rows = await (from a in db.Set<Appointment>().AsNoTracking()
                          join s in db.Set<Slot>().AsNoTracking() on a.SlotId equals s.Id
                          where a.UnitId == unit && a.Start >= first && a.Start < end
                          select new { Appointment = a, s.End, s.Type, s.StaffId }).ToListAsync(ct);
        rows = followUp
            ? rows.Where(r => r.Appointment.Status == AppointmentStatus.UteBlev || (r.Appointment.Status == AppointmentStatus.Avbokad && r.Appointment.LateCancellation)).ToList()
            : rows.Where(r => r.Appointment.Status != AppointmentStatus.Avbokad).ToList();
        var staffNames = (await organisation.ListStaffAsync(unit, ct)).ToDictionary(s => s.Id, s => s.Name);
        var people = await residents.GetManyAsync(rows.Select(r => r.Appointment.ResidentId).Distinct().ToList(), ct);
        var items = new List<Item>();
        foreach (var r in rows.OrderBy(r => r.Appointment.Start))
        {
            if (people.GetValueOrDefault(r.Appointment.ResidentId) is not { } person)
            {
                continue;
            }
            items.Add(new Item(r.Appointment.Id.Value, person.Id.Value, person.Name, person.Personnummer, r.Appointment.Start, r.End, r.Type,
                r.StaffId is { } sid ? staffNames.GetValueOrDefault(sid) : null, r.Appointment.Status, r.Appointment.LateCancellation,
                r.Appointment.AwaitingConfirmation, r.Appointment.Reason, r.StaffId?.Value));
        }
        // Everyone on the list, audited in one batch.
        await access.AuditUnitListAsync(actor, items.Select(i => new ResidentId(i.ResidentId)), BookSlot.AuditResource, AuditAction.Read,
            followUp ? "Uppföljning av uteblivna besök" : "Dagslista", ct);
        return items;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/unit-appointments", async ([AsParameters] Query query, HttpContext http, ListUnitAppointments handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, query, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Bokning")
            .WithSummary("Enhetens bokningar en dag (date), eller uteblivna besök och sena avbokningar de senaste 30 dagarna (followUp=true).");
}
