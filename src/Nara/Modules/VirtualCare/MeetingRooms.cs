using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.VirtualCare.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.VirtualCare;

/// <summary>Where a meeting is, as the person looking at it sees it.</summary>
public enum MeetingState
{
    /// <summary>Booked, the resident has not checked in.</summary>
    EjIncheckad,
    Vantar,
    Pagar,
    Avslutat,
    /// <summary>The booking was cancelled, or recorded as done or a no-show outside the meeting.</summary>
    Stangt,
}

/// <summary>How the actor takes part: the resident's side (themself or a guardian), the clinician who let them in, or a colleague at the unit.</summary>
public enum MeetingRole
{
    Resident,
    Clinician,
    Colleague,
}

public sealed record MessageView(Guid Id, bool FromStaff, string Author, string Text, DateTimeOffset At);

public sealed record MeetingView(
    Guid AppointmentId, Guid ResidentId, string ResidentName, MeetingKind Kind, DateTimeOffset Start, DateTimeOffset End, MeetingState State,
    DateTimeOffset CheckInOpensAt, string? CheckInRefusal, DateTimeOffset? CheckedInAt, DateTimeOffset? AdmittedAt, string? ClinicianName,
    DateTimeOffset? EndedAt, MeetingRole Role, bool IsParticipant, IReadOnlyList<MessageView> Messages);

/// <summary>A booked digital visit the actor may see, with its meeting if the resident has checked in, and the access that opened it (none on a list).</summary>
public sealed record Room(BookedVisit Visit, Meeting? Meeting, AccessGrant? Grant, MeetingRole Role)
{
    public MeetingKind Kind => Visit.Type == SlotType.Chatt ? MeetingKind.Chatt : MeetingKind.Video;

    /// <summary>The two parties of a meeting: the resident's side, and the clinician who let the resident in.</summary>
    public bool IsParticipant => Role == MeetingRole.Resident || (Role == MeetingRole.Clinician && Meeting?.AdmittedBy is not null);
}

/// <summary>
/// The access rule for meetings, in one place: a resident reaches their own and their children's visits (through
/// <see cref="ResidentAccess"/>), staff the visits at the unit they work at. Anyone else gets the same 404 as for an
/// unknown id, and the denied attempt is audited.
/// </summary>
public sealed class MeetingRooms(NaraDbContext db, IBookedVisits visits, ResidentAccess access, IResidentDirectory residents, TimeProvider time)
{
    public const string AuditResource = "Digitalt vårdmöte";

    public async Task<Room> OpenAsync(Actor actor, AppointmentId appointmentId, AuditAction attempted, CancellationToken ct)
    {
        var visit = await visits.GetAsync(appointmentId, ct) ?? throw VirtualCareEndpoints.MeetingNotFound();
        // The booked visit at the actor's own unit is the care relationship (the booking module's rule).
        var notFound = VirtualCareEndpoints.MeetingNotFound();
        var grant = await access.RequireAsync(actor, visit.Resident, new AccessRequest(AuditResource, attempted).AtUnitRecord(visit.Unit) with
        {
            HiddenAs = (notFound.Field, notFound.Message),
            AuditWhenDone = true,
        }, ct);
        var role = actor.IsResident ? MeetingRole.Resident : MeetingRole.Colleague;
        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.AppointmentId == appointmentId, ct);
        if (role == MeetingRole.Colleague && meeting?.AdmittedBy is { } admitter && admitter == actor.StaffId)
        {
            role = MeetingRole.Clinician;
        }
        return new Room(visit, meeting, grant, role);
    }

    /// <summary>As <see cref="OpenAsync"/>, and refuses visits that are not video or chat.</summary>
    public async Task<Room> OpenDigitalAsync(Actor actor, AppointmentId appointmentId, AuditAction attempted, CancellationToken ct)
    {
        var room = await OpenAsync(actor, appointmentId, attempted, ct);
        if (room.Visit.Type is not (SlotType.Video or SlotType.Chatt))
        {
            await AuditAsync(room, AuditAction.Read, null, ct);
            throw ProblemException.Invalid("appointmentId", "Det här besöket är inte ett video- eller chattbesök. Det finns inget digitalt möte att ansluta till.");
        }
        return room;
    }

    /// <summary>Audits what the actor did in a room they opened (see <see cref="OpenAsync"/>), with the basis its access was given.</summary>
    public static Task AuditAsync(Room room, AuditAction action, string? reason, CancellationToken ct) =>
        room.Grant?.AuditAsync(action, reason, ct) ?? throw new InvalidOperationException("A room on a list was not opened.");

    public static MeetingState StateOf(Room room) => room.Meeting?.Status switch
    {
        MeetingStatus.Vantar when room.Visit.Status == AppointmentStatus.Bokad => MeetingState.Vantar,
        MeetingStatus.Pagar when room.Visit.Status == AppointmentStatus.Bokad => MeetingState.Pagar,
        MeetingStatus.Avslutat => MeetingState.Avslutat,
        null when room.Visit.Status == AppointmentStatus.Bokad => MeetingState.EjIncheckad,
        _ => MeetingState.Stangt,
    };

    /// <summary>Why the resident cannot check in now, in plain Swedish, or null when they can.</summary>
    public static string? CheckInRefusal(Room room, DateTimeOffset now)
    {
        var state = StateOf(room);
        if (state is MeetingState.Vantar or MeetingState.Pagar)
        {
            return null;
        }
        if (state is MeetingState.Avslutat or MeetingState.Stangt)
        {
            return "Besöket är avslutat, avbokat eller redan registrerat. Kontakta din vårdcentral om du behöver en ny tid.";
        }
        if (CheckInWindow.IsTooEarly(room.Visit.Start, now))
        {
            var opens = Stockholm.ToLocal(CheckInWindow.OpensAt(room.Visit.Start));
            var when = Stockholm.DateOf(CheckInWindow.OpensAt(room.Visit.Start)) == Stockholm.DateOf(now)
                ? $"kl. {opens.ToString("HH:mm", CultureInfo.InvariantCulture)}"
                : $"den {opens.ToString("d MMMM", CultureInfo.GetCultureInfo("sv-SE"))} kl. {opens.ToString("HH:mm", CultureInfo.InvariantCulture)}";
            return $"Det är för tidigt att checka in. Väntrummet öppnar 15 minuter före besöket, {when}.";
        }
        if (CheckInWindow.IsOver(room.Visit.End, now))
        {
            return "Besökstiden har passerat. Kontakta din vårdcentral om du behöver en ny tid.";
        }
        return null;
    }

    public async Task<MeetingView> ViewAsync(Room room, CancellationToken ct)
    {
        var resident = await residents.GetAsync(room.Visit.Resident, ct);
        var id = room.Visit.AppointmentId;
        var messages = room.Meeting is null
            ? []
            : (await db.Set<MeetingMessage>().AsNoTracking().Where(m => m.AppointmentId == id).ToListAsync(ct))
                .OrderBy(m => m.At).ThenBy(m => m.Id.Value).Select(ToView).ToList();
        var m = room.Meeting;
        var state = StateOf(room);
        return new MeetingView(id.Value, room.Visit.Resident.Value, resident?.Name ?? "–", room.Kind, room.Visit.Start, room.Visit.End, state,
            CheckInWindow.OpensAt(room.Visit.Start), state == MeetingState.EjIncheckad ? CheckInRefusal(room, time.GetUtcNow()) : null,
            m?.CheckedInAt, m?.AdmittedAt, m?.ClinicianName, m?.EndedAt, room.Role, room.IsParticipant && state is MeetingState.Vantar or MeetingState.Pagar,
            messages);
    }

    public static MessageView ToView(MeetingMessage m) => new(m.Id.Value, m.FromStaff, m.AuthorName, m.Text, m.At);
}
