using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.Booking.Data;
using Nara.Modules.Booking.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Booking.Features;

/// <summary>
/// Books a slot for a resident: the resident themself or a guardian from the web (web-bookable, not acute-reserved
/// times of a type the unit allows from the web), or staff at the slot's unit on the resident's behalf, optionally as
/// an invitation (kallelse) the resident confirms or changes. No double booking under any interleaving: the database's
/// unique index on active bookings decides, and the loser gets "Tiden är redan bokad" with alternatives. The booking,
/// its audit event and what its events cause (reminders, clocks) commit together.
/// </summary>
public sealed class BookSlot(NaraDbContext db, ResidentAccess access, DomainEvents events, TimeProvider time) : IFeature
{
    public const string AuditResource = "Bokning";

    /// <param name="ResidentId">Who the time is for: required for staff; for a resident, themself (default) or a child.</param>
    /// <param name="Reason">What the visit is for (a booking reason's name); optional.</param>
    /// <param name="Invitation">Staff only: send the time as an invitation (kallelse) the resident confirms or changes.</param>
    public sealed record Request(Guid? ResidentId, string? Reason = null, bool Invitation = false);

    public sealed record Alternative(Guid SlotId, DateTimeOffset Start, DateTimeOffset End, SlotType Type);

    public sealed record Booked(Guid AppointmentId, Guid SlotId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, Guid UnitId);

    public async Task<Booked> HandleAsync(Actor actor, SlotId slotId, Request request, CancellationToken ct)
    {
        if (request.Reason is { Length: > 200 })
        {
            throw ProblemException.Invalid("reason", "Anledningen får vara högst 200 tecken.");
        }
        var found = await CheckAsync(actor, slotId, request.ResidentId, ct);
        var slot = found.Slot;
        if (request.Invitation && actor.IsResident)
        {
            throw ProblemException.Invalid("invitation", "Bara personal kan skicka kallelser.");
        }
        if (found.Taken)
        {
            throw await TakenAsync(slot, actor, ct);
        }
        var appointment = NewAppointment(actor, slot, found.Resident, request.Reason, request.Invitation, null);
        // Two round trips on PostgreSQL for most bookings: the slot (above, which also tells whether the resident has a
        // care-guarantee clock at the unit) and one batch with the booking, its audit event, its outbox messages and the
        // clocks it stops, which the server runs as one implicit transaction; a third, the clocks, only when there are
        // any. A booking made between the first read and the batch fails the whole batch on the unique index of active
        // bookings: nothing is written and the loser gets the same answer as above.
        using (db.CollectWrites())
        {
            db.Add(appointment);
            await AuditAndPublishAsync(actor, found, appointment, null, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.IsOn<Appointment>(db, e, AppointmentConfiguration.OneActiveBookingPerSlot))
            {
                db.ChangeTracker.Clear();
                throw await TakenAsync(slot, actor, ct);
            }
        }
        return new Booked(appointment.Id.Value, slot.Id.Value, slot.Start, slot.End, slot.Type, slot.UnitId.Value);
    }

    private sealed record SlotAndRules(Slot Slot, UnitBookingRules? Rules, bool OnOffer, bool Taken, bool AnyClock);

    // The slot, its unit's rules, whether the waitlist has an open offer for it, whether it is already booked and whether
    // the resident has a care-guarantee clock at its unit, in one round trip; compiled once, so a booking spends nothing
    // on translating the query.
    private static readonly CompiledPerEngine<Func<NaraDbContext, SlotId, ResidentId, CancellationToken, Task<SlotAndRules?>>> FindSlot = new(() =>
        EF.CompileAsyncQuery(QueryPart.Expand<Func<NaraDbContext, SlotId, ResidentId, CancellationToken, SlotAndRules?>>((db, slotId, resident, ct) =>
            db.Set<Slot>().AsNoTracking().Where(s => s.Id == slotId)
            .Select(s => new SlotAndRules(s, db.Set<UnitBookingRules>().FirstOrDefault(u => u.UnitId == s.UnitId),
                db.Set<WaitlistOffer>().Any(o => o.SlotId == s.Id && o.Status == OfferStatus.Oppet),
                db.Set<Appointment>().Any(a => a.SlotId == s.Id && a.Status == AppointmentStatus.Bokad),
                QueryPart.Ask(ClockQueryParts.AnyAtUnit, db, resident, s.UnitId)))
            .FirstOrDefault())));

    /// <summary>
    /// A slot the actor may book for the resident. <c>OnOffer</c>: the waitlist had an open offer for the slot, which the
    /// booking must close; <c>Taken</c>: it had an active booking when read; <c>AnyClock</c>: the resident had a
    /// care-guarantee clock at the unit, which the booking may stop.
    /// </summary>
    internal sealed record Checked(Slot Slot, ResidentId Resident, AccessGrant Grant, bool OnOffer, bool Taken, bool AnyClock);

    /// <summary>The slot, if the actor may book it for this resident now; otherwise a clear refusal.</summary>
    internal async Task<Checked> CheckAsync(Actor actor, SlotId slotId, Guid? residentId, CancellationToken ct)
    {
        // Who the time is for, as far as the request says, so the same read can look for their clocks.
        var asked = residentId is { } id ? new ResidentId(id) : actor.IsResident ? actor.ResidentId : default;
        var found = await FindSlot.For(db)(db, slotId, asked, ct);
        var slot = found?.Slot;
        if (slot is null || slot.Withdrawn)
        {
            throw ProblemException.NotFound("slotId", "Tiden finns inte.");
        }
        if (slot.Start <= time.GetUtcNow())
        {
            throw ProblemException.Invalid("slotId", "Tiden har redan passerat. Välj en senare tid.");
        }
        ResidentId resident;
        if (actor.IsResident)
        {
            resident = residentId is { } r ? new ResidentId(r) : actor.ResidentId;
            var rules = found!.Rules ?? UnitBookingRules.Default(slot.UnitId);
            if (!slot.WebBookable || slot.AcuteReserved || !rules.AllowsFromWeb(slot.Type))
            {
                throw ProblemException.Invalid("slotId", "Den här tiden kan inte bokas på webben. Kontakta din vårdcentral.");
            }
        }
        else
        {
            if (residentId is not { } r)
            {
                throw ProblemException.Invalid("residentId", "Ange vilken invånare tiden bokas för.");
            }
            resident = new ResidentId(r);
        }
        // Booking is a write of the resident's personal data: the resident themself or a guardian for a child under 13, or
        // staff booking a time of their own unit.
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Write(AuditResource).AtUnitRecord(slot.UnitId) with
        {
            OtherUnitRefusal = "Du kan bara boka tider på den enhet du arbetar på.",
            AuditWhenDone = true,
        }, ct);
        return new Checked(slot, resident, grant, found!.OnOffer, found.Taken, found.AnyClock);
    }

    internal Appointment NewAppointment(Actor actor, Slot slot, ResidentId resident, string? reason, bool invitation, AppointmentId? rebookedFrom) => new()
    {
        SlotId = slot.Id,
        UnitId = slot.UnitId,
        ResidentId = resident,
        Start = slot.Start,
        BookedAt = time.GetUtcNow(),
        BookedBy = actor.Id,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        AwaitingConfirmation = invitation,
        RebookedFrom = rebookedFrom,
    };

    /// <summary>Inserts the booking in the open transaction, or refuses with 409 and alternatives when the slot is taken.</summary>
    internal async Task InsertOrRefuseAsync(Appointment appointment, Slot slot, Actor actor, CancellationToken ct)
    {
        if (!await TryInsertAsync(db, appointment, ct))
        {
            throw await TakenAsync(slot, actor, ct);
        }
    }

    /// <summary>409: the slot is booked, with the next free times of its kind.</summary>
    private async Task<ProblemException> TakenAsync(Slot slot, Actor actor, CancellationToken ct)
    {
        var alternatives = await AlternativesAsync(slot, actor.IsResident, time.GetUtcNow(), ct);
        return ProblemException.Conflict("slotId", "Tiden är redan bokad. Välj en av de andra tiderna.",
            new Dictionary<string, object?> { ["alternatives"] = alternatives });
    }

    /// <summary>
    /// Audits the booking and publishes it. Within a transaction that has written since the slot was read (a rebooking
    /// frees a time and may reopen a clock), pass <paramref name="clocksMayHaveChanged"/> so the clocks are read again.
    /// </summary>
    internal async Task AuditAndPublishAsync(Actor actor, Checked found, Appointment appointment, string? detail, CancellationToken ct, bool clocksMayHaveChanged = false)
    {
        await found.Grant.AuditAsync(detail, ct);
        var slot = found.Slot;
        await events.PublishAsync(new AppointmentBooked(appointment.Id, slot.Id, appointment.ResidentId, slot.UnitId, slot.StaffId, slot.Profession,
            slot.Type, slot.Start, slot.End, appointment.BookedAt, !actor.IsResident, found.OnOffer, found.AnyClock || clocksMayHaveChanged, appointment.RebookedFrom), ct);
    }

    /// <summary>
    /// Inserts the booking unless the slot already has an active one: <c>INSERT … ON CONFLICT (slot) WHERE active DO
    /// NOTHING</c> against the filtered unique index, on both engines. Losing the race is an expected outcome, not an
    /// exception (and not an error in the log). Runs in the caller's transaction.
    /// </summary>
    internal static async Task<bool> TryInsertAsync(NaraDbContext db, Appointment appointment, CancellationToken ct)
    {
        var table = ModelTable.For<Appointment>(db);
        var slotColumn = table.Column(nameof(Appointment.SlotId)).Name;
        var statusColumn = table.Column(nameof(Appointment.Status)).Name;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        table.PrepareSingleInsert(command);
        command.CommandText += $" ON CONFLICT ({slotColumn}) WHERE {statusColumn} = '{nameof(AppointmentStatus.Bokad)}' DO NOTHING";
        table.BindInsert(command, appointment);
        StatementCounter.Count();
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The next free times of the same type at the same unit, nearest first.</summary>
    public async Task<IReadOnlyList<Alternative>> AlternativesAsync(Slot slot, bool web, DateTimeOffset now, CancellationToken ct)
    {
        var booked = db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Bokad).Select(a => a.SlotId);
        var query = db.Set<Slot>().AsNoTracking()
            .Where(s => s.UnitId == slot.UnitId && s.Type == slot.Type && s.Id != slot.Id && !s.Withdrawn && s.Start > now && !booked.Contains(s.Id));
        if (web)
        {
            query = query.Where(s => s.WebBookable && !s.AcuteReserved);
        }
        return await query.OrderBy(s => s.Start).Take(3).Select(s => new Alternative(s.Id.Value, s.Start, s.End, s.Type)).ToListAsync(ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/booking/slots/{slotId:guid}/book", async (Guid slotId, Request? request, HttpContext http, BookSlot handler, CancellationToken ct) =>
            {
                var booked = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new SlotId(slotId), request ?? new Request(null), ct);
                return Results.Created($"/api/booking/appointments/{booked.AppointmentId}", booked);
            })
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Bokning")
            .WithWriteLimit().WithSummary("Boka en tid. Invånare bokar webbokningsbara tider för sig själva eller sina barn; personal bokar på sin enhet åt en invånare (residentId), eventuellt som kallelse (invitation). 409 med alternatives när tiden redan är bokad.");
}
