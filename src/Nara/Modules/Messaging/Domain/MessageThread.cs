using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Messaging.Domain;

/// <summary>Whether a thread takes new messages.</summary>
public enum ThreadStatus
{
    Oppen,
    Avslutad,
}

/// <summary>
/// A conversation between a person (or a guardian for a child) and a unit of their care: the topic, who at the unit
/// holds it, and whether a message from the person waits for an answer (and by when the unit promised one). A triage
/// case's conversation is a thread too, with the case as its origin. Personal health data, the record of its unit.
/// </summary>
[PersonalData]
public sealed class MessageThread
{
    public ThreadId Id { get; init; } = StrongId.New<ThreadId>();
    public required ResidentId ResidentId { get; init; }
    public required UnitId UnitId { get; init; }
    public required string Topic { get; init; }
    /// <summary>The owning record's kind when another module opened the thread ("triage-case"); null otherwise.</summary>
    public string? OriginKind { get; init; }
    public Guid? OriginId { get; init; }
    public required Guid StartedBy { get; init; }
    public required bool StartedByStaff { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public ThreadStatus Status { get; set; } = ThreadStatus.Oppen;
    /// <summary>The member of staff who holds the thread; null while the unit as a whole does.</summary>
    public StaffId? AssignedTo { get; set; }
    public string? AssignedName { get; set; }
    public DateTimeOffset LastMessageAt { get; set; }
    /// <summary>The person's first message that care has not answered yet; null when care wrote last.</summary>
    public DateTimeOffset? AwaitingSince { get; set; }
    /// <summary>When the unit promised to answer <see cref="AwaitingSince"/> (its answer time in working days).</summary>
    public DateTimeOffset? AnswerDueAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedByName { get; set; }
    public int ConcurrencyToken { get; set; }

    /// <summary>Closes the thread: it takes no more messages, and nobody waits for an answer in it.</summary>
    public void Close(string byName, DateTimeOffset at)
    {
        Status = ThreadStatus.Avslutad;
        ClosedAt = at;
        ClosedByName = byName;
        AwaitingSince = null;
        AnswerDueAt = null;
        ConcurrencyToken++;
    }

    public ThreadOrigin? Origin => OriginKind is { } kind && OriginId is { } id ? new ThreadOrigin(kind, id) : null;
}

/// <summary>A message in a thread, and when the other side read it. Personal health data.</summary>
[PersonalData]
public sealed class ThreadMessage
{
    public ThreadMessageId Id { get; init; } = StrongId.New<ThreadMessageId>();
    public required ThreadId ThreadId { get; init; }
    public required bool FromStaff { get; init; }
    public required Guid AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>When the other side (the person, or anyone at the unit) first opened it.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A file sent with a message: an image (JPEG, PNG) or a PDF, within the size limit. Personal health data.</summary>
[PersonalData]
public sealed class MessageAttachment
{
    public MessageAttachmentId Id { get; init; } = StrongId.New<MessageAttachmentId>();
    public required ThreadMessageId MessageId { get; init; }
    public required ThreadId ThreadId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required int Size { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>The answer time a unit promises for messages, in working days (weekdays that are not public holidays).</summary>
public sealed class UnitAnswerTime
{
    public required UnitId UnitId { get; init; }
    public int WorkingDays { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedByName { get; set; } = "";
}
