using Nara.Platform.Identifiers;

namespace Nara.Modules.Messaging.Contracts;

/// <summary>Identifies a message thread between a person and a unit.</summary>
public readonly record struct ThreadId(Guid Value) : IStrongId<ThreadId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a message in a thread.</summary>
public readonly record struct ThreadMessageId(Guid Value) : IStrongId<ThreadMessageId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Identifies a file attached to a message.</summary>
public readonly record struct MessageAttachmentId(Guid Value) : IStrongId<MessageAttachmentId>
{
    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
