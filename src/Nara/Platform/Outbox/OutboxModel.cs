using Nara.Platform.Access;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Outbox;

/// <summary>Where a message goes. Utkorg is Nära's own message list (always available, the fallback).</summary>
public enum MessageChannel
{
    Utkorg,
    Sms,
    Epost,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its send time, or for its next attempt after a failure.</summary>
    Pending,
    Sent,
    /// <summary>Gave up after the maximum number of attempts; an administrator can try again.</summary>
    Failed,
    /// <summary>No longer to be sent (a reminder for a booking that was cancelled).</summary>
    Withdrawn,
}

/// <summary>
/// A message to a resident, written in the same transaction as the change that caused it and sent after commit by the
/// dispatcher. The text never carries health details (see README). The recipient's address is not stored: it is looked
/// up when the message is sent.
/// </summary>
[PersonalData]
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required ResidentId Recipient { get; init; }
    /// <summary>What kind of message (Bokningsbekräftelse, Påminnelse …): safe to log.</summary>
    public required string Kind { get; init; }
    /// <summary>Null means the resident's preferred channel at the time of sending.</summary>
    public MessageChannel? RequestedChannel { get; init; }
    public MessageChannel? DeliveredVia { get; set; }
    public required string Subject { get; init; }
    public required string Body { get; init; }
    /// <summary>What the message is about (e.g. "booking:{appointment id}"), so pending messages can be withdrawn.</summary>
    public string? Reference { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset SendAt { get; init; }
    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;
    public int Attempts { get; set; }
    public required DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>The failure's kind only (exception type or a fixed text): never an address or message text.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>A dispatcher's claim: until this time no other dispatcher (in any process) takes the message.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    public Guid? LockToken { get; set; }
    /// <summary>When the resident (or their guardian) first saw the message in Nära: the notification centre's unread state.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}
