using Nara.Platform.Identifiers;

namespace Nara.Modules.VirtualCare.Contracts;

/// <summary>Identifies a chat message in a digital care meeting (the meeting itself has its booking's AppointmentId).</summary>
public readonly record struct MeetingMessageId(Guid Value) : IStrongId<MeetingMessageId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
