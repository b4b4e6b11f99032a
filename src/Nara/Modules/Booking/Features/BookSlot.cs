using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Books a slot for a resident: the resident themself or a guardian from the web (web-bookable, not acute-reserved
/// times only), or staff at the slot's unit on the resident's behalf. No double booking under any interleaving: the
/// database's unique index on active bookings decides, and the loser gets "Tiden är redan bokad" with alternatives.
/// The booking and its audit event commit together.
/// </summary>
public sealed class BookSlot(NaraDbContext db, ResidentAccess access, DomainEvents events, TimeProvider time)
{
    public const string AuditResource = "Bokning";

    public sealed record Request(Guid? ResidentId);

    public sealed record Alternative(Guid SlotId, DateTimeOffset Start, DateTimeOffset End, SlotType Type);

    public sealed record Booked(Guid AppointmentId, Guid SlotId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Guid UnitId);

    /// <summary>A refusal with its HTTP status, the field, a Swedish message and, for a taken time, alternatives.</summary>
    public sealed class RefusedException(int status, string field, string message, IReadOnlyList<Alternative>? alternatives = null) : Exception(message)
    {
        public int Status { get; } = status;
        public string Field { get; } = field;
        public IReadOnlyList<Alternative> Alternatives { get; } = alternatives ?? [];
    }

    public async Task<Booked> HandleAsync(Actor actor, Guid slotId, Request request, CancellationToken ct)
    {
        var slot = await db.Set<Slot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == slotId, ct)
            ?? throw new RefusedException(StatusCodes.Status404NotFound, "slotId", "Tiden finns inte.");
        var now = time.GetUtcNow();
        if (slot.Start <= now)
        {
            throw new RefusedException(StatusCodes.Status400BadRequest, "slotId", "Tiden har redan passerat. Välj en senare tid.");
        }
        ResidentId resident;
        if (actor.IsResident)
        {
            resident = request.ResidentId is { } r ? new ResidentId(r) : actor.ResidentId;
            if (!slot.WebBookable || slot.AcuteReserved)
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, "slotId", "Den här tiden kan inte bokas på webben. Kontakta din vårdcentral.");
            }
        }
        else
        {
            if (request.ResidentId is not { } r)
            {
                throw new RefusedException(StatusCodes.Status400BadRequest, "residentId", "Ange vilken invånare tiden bokas för.");
            }
            if (actor.Unit != slot.UnitId)
            {
                throw new RefusedException(StatusCodes.Status403Forbidden, "slotId", "Du kan bara boka tider på den enhet du arbetar på.");
            }
            resident = new ResidentId(r);
        }
        if (actor.IsResident)
        {
            // Booking is a write of the resident's personal data: the resident themself or a guardian for a child under 13.
            var decision = await access.DecideAsync(actor, resident, ct);
            if (!decision.Allowed)
            {
                await access.AuditAsync(actor, resident, AuditResource, AuditAction.Write, AuditOutcome.Denied, AccessBasis.None, null, ct);
                throw new RefusedException(StatusCodes.Status403Forbidden, "residentId", decision.Explanation ?? "Åtkomst nekad.");
            }
        }
        var appointment = new Appointment
        {
            SlotId = slot.Id,
            UnitId = slot.UnitId,
            ResidentId = resident,
            Start = slot.Start,
            BookedAt = now,
            BookedBy = actor.Id,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await TryInsertAsync(appointment, ct))
            {
                await transaction.RollbackAsync(ct);
                throw new RefusedException(StatusCodes.Status409Conflict, "slotId", "Tiden är redan bokad. Välj en av de andra tiderna.",
                    await AlternativesAsync(slot, actor.IsResident, now, ct));
            }
            var basis = actor.IsResident ? (actor.ResidentId == resident ? AccessBasis.Self : AccessBasis.Guardian) : AccessBasis.CareRelationship;
            await access.AuditAsync(actor, resident, AuditResource, AuditAction.Write, AuditOutcome.Allowed, basis, null, ct);
            await events.PublishAsync(new AppointmentBooked(appointment.Id, slot.Id, resident, slot.UnitId, slot.StaffId, slot.Profession,
                slot.Type, slot.Start, slot.End, now, !actor.IsResident), ct);
            await transaction.CommitAsync(ct);
        }
        return new Booked(appointment.Id, slot.Id, slot.Start, slot.End, slot.Type, slot.UnitId.Value);
    }

    /// <summary>
    /// Inserts the booking unless the slot already has an active one: <c>INSERT … ON CONFLICT (slot) WHERE active DO
    /// NOTHING</c> against the filtered unique index, on both engines. Losing the race is an expected outcome, not an
    /// exception (and not an error in the log). Runs in the caller's transaction.
    /// </summary>
    private async Task<bool> TryInsertAsync(Appointment appointment, CancellationToken ct)
    {
        var table = ModelTable.For<Appointment>(db);
        var slotColumn = table.Column(nameof(Appointment.SlotId)).Name;
        var statusColumn = table.Column(nameof(Appointment.Status)).Name;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        table.PrepareSingleInsert(command);
        command.CommandText += $" ON CONFLICT ({slotColumn}) WHERE {statusColumn} = '{nameof(AppointmentStatus.Bokad)}' DO NOTHING";
        table.BindInsert(command, appointment);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The next free times of the same type at the same unit, nearest first.</summary>
    public async Task<IReadOnlyList<Alternative>> AlternativesAsync(Slot slot, bool web, DateTimeOffset now, CancellationToken ct)
    {
        var booked = db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId);
        var query = db.Set<Slot>().AsNoTracking()
            .Where(s => s.UnitId == slot.UnitId && s.Type == slot.Type && s.Id != slot.Id && !booked.Contains(s.Id));
        if (web)
        {
            query = query.Where(s => s.WebBookable && !s.AcuteReserved);
        }
        // DateTimeOffset ordering is not translated on every engine: filter and order the unit's candidates in memory.
        var candidates = await query.ToListAsync(ct);
        return candidates.Where(s => s.Start > now).OrderBy(s => s.Start).Take(3)
            .Select(s => new Alternative(s.Id, s.Start, s.End, s.Type)).ToList();
    }

    internal static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/slots/{slotId:guid}/book", async (Guid slotId, Request? request, HttpContext http, BookSlot handler, CancellationToken ct) =>
            {
                try
                {
                    var booked = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, slotId, request ?? new Request(null), ct);
                    return Results.Created($"/api/booking/appointments/{booked.AppointmentId}", booked);
                }
                catch (RefusedException refused)
                {
                    return refused.Status == StatusCodes.Status400BadRequest
                        ? Problems.Invalid(refused.Field, refused.Message)
                        : TypedResults.Problem(detail: refused.Message, statusCode: refused.Status,
                            title: refused.Status switch { 404 => "Hittades inte", 403 => "Åtkomst nekad", _ => "Tiden är redan bokad" },
                            extensions: new Dictionary<string, object?> { ["field"] = refused.Field, ["alternatives"] = refused.Alternatives });
                }
            })
            .RequireAuthorization()
            .WithTags("Bokning")
            .WithSummary("Boka en tid. Invånare bokar webbokningsbara tider för sig själva eller sina barn; personal bokar på sin enhet åt en invånare (residentId). 409 med alternatives när tiden redan är bokad.");
}
