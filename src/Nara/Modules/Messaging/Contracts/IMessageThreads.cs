using Nara.Platform.Auth;
using Nara.Platform.Events;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Messaging.Contracts;

/// <summary>A message as other modules show it (a triage case's conversation).</summary>
/// <param name="Id">The message.</param>
/// <param name="FromStaff">Written by care (true) or by the person or a guardian (false).</param>
/// <param name="Author">Who wrote it.</param>
/// <param name="Text">What they wrote.</param>
/// <param name="At">When.</param>
/// <param name="Attachments">Files attached to it.</param>
public sealed record ThreadMessageView(Guid Id, bool FromStaff, string Author, string Text, DateTimeOffset At, IReadOnlyList<AttachmentView> Attachments);

/// <param name="Id">The file.</param>
/// <param name="FileName">Its name as uploaded.</param>
/// <param name="ContentType">image/jpeg, image/png or application/pdf.</param>
/// <param name="Size">Bytes.</param>
public sealed record AttachmentView(Guid Id, string FileName, string ContentType, int Size);

/// <summary>A file sent with a message: its name, declared type and bytes (checked against the limits by Messaging).</summary>
public sealed record NewAttachment(string FileName, string? ContentType, byte[] Content);

/// <summary>What a thread belongs to when another module opened it (a triage case); null for a thread of its own.</summary>
/// <param name="Kind">The owning record's kind ("triage-case").</param>
/// <param name="Id">Its id.</param>
public sealed record ThreadOrigin(string Kind, Guid Id);

/// <summary>
/// The one messaging model, for other modules: a triage case's conversation is a thread like any other. Opening a thread
/// and adding to it here are done inside the caller's own transaction and under its access check; posting as an actor
/// (<see cref="PostAsync"/>) checks access itself and commits.
/// </summary>
public interface IMessageThreads
{
    /// <summary>Adds the thread <paramref name="id"/> for the person with the unit (saved with the caller's next save). The caller has checked access.</summary>
    void Open(ThreadId id, ResidentId resident, UnitId unit, string topic, ThreadOrigin origin, Actor startedBy, DateTimeOffset at);

    /// <summary>Closes the thread (saved with the caller's next save): it takes no more messages. The caller has checked access.</summary>
    Task CloseAsync(ThreadId thread, Actor by, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Adds a message from <paramref name="author"/> (saved with the caller's next save). The caller has checked access and
    /// holds the transaction. With <paramref name="announce"/> the message is announced like a posted one
    /// (<see cref="ThreadMessagePosted"/>: the person's notice, crisis words), inside that transaction.
    /// </summary>
    Task AddAsync(ThreadId thread, Actor author, string text, DateTimeOffset at, CancellationToken ct, bool announce = false);

    /// <summary>
    /// Posts a message as <paramref name="actor"/> in a thread they are part of, in its own transaction: checked, audited,
    /// pushed live to the open pages and, to the person, noticed through the outbox. Must not be called inside a transaction.
    /// </summary>
    Task<ThreadMessageView> PostAsync(Actor actor, ThreadId thread, string? text, IReadOnlyList<NewAttachment> attachments, CancellationToken ct);

    /// <summary>
    /// Of the threads, those still open where the person wrote last and care has not answered: since when, and by when
    /// the unit promised to answer (its answer time in working days). The caller has checked access.
    /// </summary>
    Task<IReadOnlyDictionary<ThreadId, AwaitingAnswer>> AwaitingAsync(IReadOnlyCollection<ThreadId> threads, CancellationToken ct);

    /// <summary>The threads' messages, oldest first, by thread. The caller has checked access.</summary>
    Task<IReadOnlyDictionary<ThreadId, IReadOnlyList<ThreadMessageView>>> MessagesAsync(IReadOnlyCollection<ThreadId> threads, CancellationToken ct);
}

/// <summary>A thread waiting for care's answer: since the person's message, and the unit's promised time.</summary>
/// <param name="Since">When the person wrote.</param>
/// <param name="AnswerBy">When the unit promised to answer.</param>
public sealed record AwaitingAnswer(DateTimeOffset Since, DateTimeOffset AnswerBy);

/// <summary>A message was posted in a thread (inside the posting transaction): a module that owns the thread's origin follows it.</summary>
/// <param name="Thread">The thread.</param>
/// <param name="Origin">What it belongs to, if another module opened it.</param>
/// <param name="Resident">Whom it is about.</param>
/// <param name="Unit">The unit of the thread.</param>
/// <param name="Author">Who wrote.</param>
/// <param name="FromStaff">Care wrote (true), or the person or a guardian.</param>
/// <param name="At">When.</param>
/// <param name="Message">The message posted.</param>
/// <param name="Text">What it says (for a module that reads it in the same transaction, such as crisis words; never logged).</param>
public sealed record ThreadMessagePosted(ThreadId Thread, ThreadOrigin? Origin, ResidentId Resident, UnitId Unit, Actor Author, bool FromStaff, DateTimeOffset At,
    Guid? Message = null, string? Text = null) : IDomainEvent;
