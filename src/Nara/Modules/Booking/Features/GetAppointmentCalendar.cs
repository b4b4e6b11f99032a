using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// A booking as an iCalendar file (RFC 5545) to put in one's own calendar: time, the unit and how the visit happens.
/// It carries no reason and no health details, since calendars are often shared. Reading it is audited.
/// </summary>
public sealed class GetAppointmentCalendar(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation) : IFeature
{
    public async Task<string> HandleAsync(Actor actor, AppointmentId id, CancellationToken ct)
    {
        var (appointment, grant) = await CancelAppointment.FindOwnAsync(db, access, actor, id, ct);
        var slot = await db.Set<Slot>().AsNoTracking().FirstAsync(s => s.Id == appointment.SlotId, ct);
        var unit = await organisation.GetUnitAsync(appointment.UnitId, ct);
        await grant.AuditAsync(AuditAction.Read, "Kalenderfil", ct);

        var how = slot.Type switch
        {
            SlotType.Video => "Videobesök – logga in i Nära en stund före och checka in.",
            SlotType.Telefon => "Telefonbesök – vi ringer dig.",
            SlotType.Chatt => "Chattbesök – logga in i Nära och checka in.",
            _ => "Besök på mottagningen.",
        };
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{appointment.Id}@nara.example",
            Summary = "Bokad tid (Nära)",
            Description = how + " Avboka senast 24 timmar före i Nära.",
            Location = slot.Type == SlotType.Besok ? unit?.Name : "Nära",
            Start = new CalDateTime(slot.Start.UtcDateTime),
            End = new CalDateTime(slot.End.UtcDateTime),
            Status = appointment.Status == AppointmentStatus.Avbokad ? "CANCELLED" : "CONFIRMED",
        };
        var calendar = new Calendar { ProductId = "-//Nära//Bokning//SV" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/booking/appointments/{id:guid}/calendar.ics", async (Guid id, HttpContext http, GetAppointmentCalendar handler, CancellationToken ct) =>
                Results.File(Encoding.UTF8.GetBytes(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new AppointmentId(id), ct)), "text/calendar; charset=utf-8", "bokning.ics"))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Bokning")
            .WithSummary("Bokningen som kalenderfil (.ics), utan anledning eller hälsouppgifter.");
}
