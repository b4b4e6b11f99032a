using Nara.Modules.Booking.Contracts;
using Nara.Modules.VirtualCare.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.VirtualCare.Domain;

/// <summary>Video with chat beside it, or chat only.</summary>
public enum MeetingKind
{
    Video,
    Chatt,
}

/// <summary>Where a digital care meeting is: the resident waits in the waiting room, is let in, and the clinician ends it.</summary>
public enum MeetingStatus
{
    Vantar,
    Pagar,
    Avslutat,
}

/// <summary>
/// A digital care meeting for one booked video or chat visit. It exists from the resident's check-in; the clinician
/// who lets the resident in is the meeting's other participant; ending it records the contact. Personal health data.
/// </summary>
[PersonalData]
public sealed class Meeting
{
    /// <summary>The booking (one meeting per booked visit).</summary>
    public required AppointmentId AppointmentId { get; init; }
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required MeetingKind Kind { get; init; }
    public MeetingStatus Status { get; set; } = MeetingStatus.Vantar;
    public required DateTimeOffset CheckedInAt { get; init; }
    /// <summary>The resident, or the guardian who checked in for a child.</summary>
    public required Guid CheckedInBy { get; init; }
    public DateTimeOffset? AdmittedAt { get; set; }
    public StaffId? AdmittedBy { get; set; }
    public string? ClinicianName { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public StaffId? EndedBy { get; set; }
    /// <summary>Changes on every state change, so two clinicians letting the same resident in cannot both win.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>A chat message in a meeting. Stored, because what was said in a care contact is part of the contact.</summary>
[PersonalData]
public sealed class MeetingMessage
{
    public MeetingMessageId Id { get; init; } = StrongId.New<MeetingMessageId>();
    public required AppointmentId AppointmentId { get; init; }
    public required bool FromStaff { get; init; }
    public required Guid AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>When a resident may check in to a digital visit.</summary>
public static class CheckInWindow
{
    /// <summary>
    /// How early the waiting room opens: 15 minutes, as the issue (4, point 8) asks. No national rule sets it; it is a
    /// product choice that gives time to test camera and sound without the waiting room filling with later visits.
    /// </summary>
    public static readonly TimeSpan Before = TimeSpan.FromMinutes(15);

    public static DateTimeOffset OpensAt(DateTimeOffset start) => start - Before;

    public static bool IsTooEarly(DateTimeOffset start, DateTimeOffset now) => now < OpensAt(start);

    /// <summary>After the booked end, the time is over: the resident needs a new time.</summary>
    public static bool IsOver(DateTimeOffset end, DateTimeOffset now) => now >= end;
}
