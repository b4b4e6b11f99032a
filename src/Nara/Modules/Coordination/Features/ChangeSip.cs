using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The work on a SIP, by staff in the person's care of either principal: who takes part (units of region and
/// municipality, and people close to the person if the person wants), who holds the overall responsibility, the SIP
/// meeting (a place and time, or a digital meeting booked as a video visit that VirtualCare serves), who does what by
/// when, the follow-up date, and ending it. Each change is audited; bad input names its field.
/// </summary>
public sealed class ChangeSip(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, IResidentBooking booking, TimeProvider time) : IFeature
{
    /// <param name="ResponsibleUnitId">The unit with the overall responsibility.</param>
    /// <param name="ResponsibleStaffId">The member of staff there who holds it, if named.</param>
    /// <param name="MeetingAt">The meeting's time (ISO 8601 with offset), for a meeting in a place.</param>
    /// <param name="MeetingPlace">Where.</param>
    /// <param name="FollowUpOn">When the SIP is followed up.</param>
    /// <param name="Status">Planerad, Pagaende or Avslutad.</param>
    public sealed record Details(Guid? ResponsibleUnitId, Guid? ResponsibleStaffId, DateTimeOffset? MeetingAt, string? MeetingPlace, DateOnly? FollowUpOn, SipStatus? Status);

    /// <param name="Side">Region, Kommun or Narstaende.</param>
    /// <param name="UnitId">The unit (region and municipality).</param>
    /// <param name="StaffId">A named member of staff there.</param>
    /// <param name="Name">The close one's name (Narstaende).</param>
    /// <param name="Role">Their role in the SIP.</param>
    public sealed record Participant(SipSide? Side, Guid? UnitId, Guid? StaffId, string? Name, string? Role);

    /// <param name="What">What is to be done.</param>
    /// <param name="UnitId">Which unit does it.</param>
    /// <param name="DueOn">By when.</param>
    /// <param name="Done">Marks it done (or not).</param>
    public sealed record Action(string? What, Guid? UnitId, DateOnly? DueOn, bool? Done);

    public async Task SetDetailsAsync(Actor actor, SipId id, Details request, CancellationToken ct)
    {
        var (sip, grant) = await OpenAsync(actor, id, ct);
        var today = Stockholm.Today(time);
        var changes = new List<string>();
        if (request.ResponsibleUnitId is { } r && new UnitId(r) != sip.ResponsibleUnitId)
        {
            _ = await organisation.GetUnitAsync(new UnitId(r), ct) ?? throw ProblemException.Invalid("responsibleUnitId", "Enheten finns inte.");
            sip.ResponsibleUnitId = new UnitId(r);
            sip.ResponsibleStaffId = null;
            changes.Add("huvudansvar");
        }
        if (request.ResponsibleStaffId is { } s)
        {
            var staff = await organisation.GetStaffAsync(new StaffId(s), ct);
            if (staff is null || !staff.Units.Contains(sip.ResponsibleUnitId))
            {
                throw ProblemException.Invalid("responsibleStaffId", "Välj någon som arbetar på enheten med huvudansvaret.");
            }
            sip.ResponsibleStaffId = staff.Id;
            changes.Add("huvudansvarig person");
        }
        if (request.MeetingAt is { } at)
        {
            if (at <= time.GetUtcNow())
            {
                throw ProblemException.Invalid("meetingAt", "Mötet ska vara framåt i tiden.");
            }
            sip.MeetingAt = at;
            sip.MeetingPlace = InputText.Optional(request.MeetingPlace, "meetingPlace", 200, "Platsen") ?? throw ProblemException.Invalid("meetingPlace", "Skriv var mötet hålls.");
            sip.MeetingAppointmentId = null;
            changes.Add("möte");
        }
        if (request.FollowUpOn is { } follow)
        {
            if (follow < today)
            {
                throw ProblemException.Invalid("followUpOn", "Uppföljningen kan inte vara före i dag.");
            }
            sip.FollowUpOn = follow;
            changes.Add("uppföljning");
        }
        if (request.Status is { } status)
        {
            if (!Enum.IsDefined(status))
            {
                throw ProblemException.Invalid("status", "Status ska vara Planerad, Pagaende eller Avslutad.");
            }
            sip.Status = status;
            sip.EndedAt = status == SipStatus.Avslutad ? time.GetUtcNow() : null;
            changes.Add($"status {status}");
        }
        if (changes.Count == 0)
        {
            throw ProblemException.Invalid("body", "Ange något att ändra.");
        }
        sip.ConcurrencyToken++;
        await Sips.SaveAsync(db, grant, "Ändrade SIP: " + string.Join(", ", changes), ct);
    }

    public async Task<Guid> AddParticipantAsync(Actor actor, SipId id, Participant request, CancellationToken ct)
    {
        var (sip, grant) = await OpenAsync(actor, id, ct);
        if (request.Side is not { } side || !Enum.IsDefined(side))
        {
            throw ProblemException.Invalid("side", "Välj Region, Kommun eller Narstaende.");
        }
        var role = InputText.Optional(request.Role, "role", 100, "Rollen");
        SipParticipant participant;
        if (side == SipSide.Narstaende)
        {
            var name = InputText.Optional(request.Name, "name", 200, "Namnet") ?? throw ProblemException.Invalid("name", "Skriv den närståendes namn (om personen vill att hen deltar).");
            participant = new SipParticipant { SipId = sip.Id, Side = side, Name = name, Role = role };
        }
        else
        {
            var unit = request.UnitId is { } u ? await organisation.GetUnitAsync(new UnitId(u), ct) : null;
            if (unit is null || (UnitTypes.PrincipalOf(unit.Type) == Principal.Kommun) != (side == SipSide.Kommun))
            {
                throw ProblemException.Invalid("unitId", side == SipSide.Kommun ? "Välj en enhet i kommunen." : "Välj en enhet i regionen.");
            }
            StaffSummary? staff = null;
            if (request.StaffId is { } s && ((staff = await organisation.GetStaffAsync(new StaffId(s), ct)) is null || !staff.Units.Contains(unit.Id)))
            {
                throw ProblemException.Invalid("staffId", "Välj någon som arbetar på enheten.");
            }
            if (await db.Set<SipParticipant>().AnyAsync(p => p.SipId == sip.Id && p.UnitId == unit.Id && p.StaffId == (staff == null ? null : staff.Id), ct))
            {
                throw ProblemException.Conflict("unitId", "Deltagaren är redan med i SIP:en.");
            }
            participant = new SipParticipant { SipId = sip.Id, Side = side, UnitId = unit.Id, StaffId = staff?.Id, Name = staff?.Name, Role = role };
        }
        db.Add(participant);
        sip.ConcurrencyToken++;
        await Sips.SaveAsync(db, grant, $"Lade till deltagare ({side})", ct);
        return participant.Id.Value;
    }

    public async Task RemoveParticipantAsync(Actor actor, SipId id, SipParticipantId participant, CancellationToken ct)
    {
        var (sip, grant) = await OpenAsync(actor, id, ct);
        var p = await db.Set<SipParticipant>().FirstOrDefaultAsync(x => x.Id == participant && x.SipId == sip.Id, ct)
            ?? throw ProblemException.NotFound("participantId", "Deltagaren finns inte i SIP:en.");
        if (p.UnitId == sip.ResponsibleUnitId && p.StaffId is null)
        {
            throw ProblemException.Conflict("participantId", "Enheten med huvudansvaret kan inte tas bort. Flytta huvudansvaret först.");
        }
        db.Remove(p);
        sip.ConcurrencyToken++;
        await Sips.SaveAsync(db, grant, $"Tog bort deltagare ({p.Side})", ct);
    }

    public async Task<Guid> SaveActionAsync(Actor actor, SipId id, SipActionId? actionId, Action request, CancellationToken ct)
    {
        var (sip, grant) = await OpenAsync(actor, id, ct);
        SipAction action;
        if (actionId is { } existing)
        {
            action = await db.Set<SipAction>().FirstOrDefaultAsync(a => a.Id == existing && a.SipId == sip.Id, ct) ?? throw ProblemException.NotFound("actionId", "Insatsen finns inte i SIP:en.");
            if (request.Done is { } done)
            {
                action.Done = done;
                action.DoneAt = done ? time.GetUtcNow() : null;
            }
        }
        else
        {
            var what = InputText.Optional(request.What, "what", 500, "Insatsen") ?? throw ProblemException.Invalid("what", "Skriv vad som ska göras.");
            if (request.UnitId is not { } u || await organisation.GetUnitAsync(new UnitId(u), ct) is null)
            {
                throw ProblemException.Invalid("unitId", "Välj vilken enhet som gör det.");
            }
            if (request.DueOn is not { } due || due < Stockholm.DateOf(sip.StartedAt))
            {
                throw ProblemException.Invalid("dueOn", "Ange när det ska vara gjort, tidigast den dag SIP:en startade.");
            }
            action = new SipAction { SipId = sip.Id, What = what, UnitId = new UnitId(u), DueOn = due };
            db.Add(action);
        }
        sip.ConcurrencyToken++;
        await Sips.SaveAsync(db, grant, actionId is null ? "Lade till insats" : "Ändrade insats", ct);
        return action.Id.Value;
    }

    /// <summary>The free video times at the unit with the overall responsibility, for a digital SIP meeting.</summary>
    public async Task<IReadOnlyList<OfferedSlot>> MeetingTimesAsync(Actor actor, SipId id, CancellationToken ct)
    {
        var (sip, grant) = await OpenAsync(actor, id, ct);
        var now = time.GetUtcNow();
        var slots = actor.Unit == sip.ResponsibleUnitId ? await booking.FreeUnitSlotsAsync(sip.ResponsibleUnitId, [SlotType.Video], now, now.AddDays(42), 30, ct) : [];
        await grant.AuditAsync(AuditAction.Read, "Lediga tider för digitalt SIP-möte", ct);
        return slots;
    }

    /// <summary>Books the digital SIP meeting: a video visit for the person at the responsible unit, in the SIP's own transaction.</summary>
    public async Task<Guid> BookDigitalMeetingAsync(Actor actor, SipId id, Guid? slotId, CancellationToken ct)
    {
        if (slotId is not { } slot)
        {
            throw ProblemException.Invalid("slotId", "Välj en tid.");
        }
        var (sip, grant) = await OpenAsync(actor, id, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var booked = await booking.BookInTransactionAsync(actor, new SlotId(slot), sip.ResidentId, "SIP-möte (digitalt)", ct);
        if (booked.Type != SlotType.Video || booked.Unit != sip.ResponsibleUnitId)
        {
            throw ProblemException.Invalid("slotId", "Välj en videotid på enheten med huvudansvaret.");
        }
        sip.MeetingAt = booked.Start;
        sip.MeetingAppointmentId = booked.AppointmentId;
        sip.MeetingPlace = "Digitalt möte i Nära";
        sip.ConcurrencyToken++;
        await Sips.SaveAsync(db, grant, $"Bokade digitalt SIP-möte {Stockholm.ToLocal(booked.Start):yyyy-MM-dd HH:mm}", ct);
        await transaction.CommitAsync(ct);
        return booked.AppointmentId.Value;
    }

    private async Task<(Sip, AccessGrant)> OpenAsync(Actor actor, SipId id, CancellationToken ct)
    {
        var sip = await Sips.LoadAsync(db, id, ct);
        var grant = await access.RequireAsync(actor, sip.ResidentId, Sips.Change, ct);
        if (sip.Status == SipStatus.Avslutad)
        {
            throw ProblemException.Conflict("sipId", "SIP:en är avslutad.");
        }
        return (sip, grant);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sips/{sipId:guid}").RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithTags("SIP och utskrivning");
        group.MapPut("/", async (Guid sipId, Details request, HttpContext http, ChangeSip handler, CancellationToken ct) =>
            {
                await handler.SetDetailsAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), request, ct);
                return TypedResults.NoContent();
            }).WithWriteLimit().WithSummary("Ändra huvudansvar, möte (tid och plats), uppföljningsdatum eller status.");
        group.MapPost("/participants", async (Guid sipId, Participant request, HttpContext http, ChangeSip handler, CancellationToken ct) =>
                TypedResults.Created($"/api/sips/{sipId}", new { id = await handler.AddParticipantAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), request, ct) }))
            .WithWriteLimit().WithSummary("Lägg till en deltagare: en enhet i region eller kommun (och en namngiven person där), eller en närstående om personen vill.");
        group.MapDelete("/participants/{participantId:guid}", async (Guid sipId, Guid participantId, HttpContext http, ChangeSip handler, CancellationToken ct) =>
            {
                await handler.RemoveParticipantAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), new SipParticipantId(participantId), ct);
                return TypedResults.NoContent();
            }).WithWriteLimit().WithSummary("Ta bort en deltagare.");
        group.MapPost("/actions", async (Guid sipId, Action request, HttpContext http, ChangeSip handler, CancellationToken ct) =>
                TypedResults.Created($"/api/sips/{sipId}", new { id = await handler.SaveActionAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), null, request, ct) }))
            .WithWriteLimit().WithSummary("Lägg till en insats: vad (what), vilken enhet (unitId), när (dueOn).");
        group.MapPut("/actions/{actionId:guid}", async (Guid sipId, Guid actionId, Action request, HttpContext http, ChangeSip handler, CancellationToken ct) =>
            {
                await handler.SaveActionAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), new SipActionId(actionId), request, ct);
                return TypedResults.NoContent();
            }).WithWriteLimit().WithSummary("Markera en insats som gjord (done: true) eller inte.");
        group.MapGet("/meeting-times", async (Guid sipId, HttpContext http, ChangeSip handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.MeetingTimesAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), ct)))
            .WithSummary("Lediga videotider för ett digitalt SIP-möte på enheten med huvudansvaret.");
        group.MapPost("/digital-meeting", async (Guid sipId, BookAgreedTime.Request request, HttpContext http, ChangeSip handler, CancellationToken ct) =>
                TypedResults.Created($"/api/sips/{sipId}", new { appointmentId = await handler.BookDigitalMeetingAsync(Actor.FromPrincipal(http.User)!, new SipId(sipId), request.SlotId, ct) }))
            .WithWriteLimit().WithSummary("Boka SIP-mötet som digitalt vårdmöte (slotId, en videotid).");
    }
}
