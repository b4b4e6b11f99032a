using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Contracts;
using Nara.Modules.Messaging.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Messaging;

/// <summary>
/// What the messaging use cases share: the audit resource, the access rule for a thread (the person and their guardians,
/// or staff at the thread's unit: the thread is that unit's record), opening a thread under it, the unit's promised
/// answer time, and the texts' limits.
/// </summary>
internal static class Threads
{
    public const string AuditResource = "Meddelanden";
    public const int MaxText = 4000;
    public const int MaxTopic = 200;
    public const int DefaultAnswerWorkingDays = 2;
    public const int MaxAnswerWorkingDays = 10;

    /// <summary>
    /// The access to a thread: held by its unit (staff elsewhere are refused, 403); a resident's thread is not another
    /// resident's to know about (404).
    /// </summary>
    public static AccessRequest Access(Actor actor, AuditAction action, UnitId unit) => new AccessRequest(AuditResource, action)
    {
        OtherUnitRefusal = "Tråden förs med en annan enhet än den du arbetar på. Du kan inte läsa eller skriva i den.",
        HiddenAs = actor.IsResident ? ("id", "Tråden finns inte.") : null,
        AuditWhenDone = true,
    }.AtUnitRecord(unit);

    /// <summary>The thread for <paramref name="actor"/>, tracked, with the grant that audits what is done; 404 when missing or not theirs.</summary>
    public static async Task<(MessageThread Thread, AccessGrant Grant)> OpenAsync(
        NaraDbContext db, ResidentAccess access, Actor actor, ThreadId id, AuditAction action, CancellationToken ct)
    {
        var thread = await db.Set<MessageThread>().FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw ProblemException.NotFound("id", "Tråden finns inte.");
        var grant = await access.RequireAsync(actor, thread.ResidentId, Access(actor, action, thread.UnitId), ct);
        return (thread, grant);
    }

    /// <summary>Saves a change to a thread with its audit event in one batch; someone else's change in between is a 409.</summary>
    public static Task SaveAsync(NaraDbContext db, AccessGrant grant, string detail, CancellationToken ct) => AuditedSave.SaveAsync(db, grant, detail, "id", ct);

    /// <summary>The unit's promised answer time in working days (the default when it has not set one).</summary>
    public static async Task<int> AnswerDaysAsync(NaraDbContext db, UnitId unit, CancellationToken ct) =>
        await db.Set<UnitAnswerTime>().AsNoTracking().Where(a => a.UnitId == unit).Select(a => (int?)a.WorkingDays).FirstOrDefaultAsync(ct) ?? DefaultAnswerWorkingDays;

    /// <summary>The units' promised answer times, by unit (the default for those without one).</summary>
    public static async Task<IReadOnlyDictionary<UnitId, int>> AnswerDaysAsync(NaraDbContext db, IReadOnlyCollection<UnitId> units, CancellationToken ct)
    {
        var set = await db.Set<UnitAnswerTime>().AsNoTracking().Where(a => units.Contains(a.UnitId)).ToDictionaryAsync(a => a.UnitId, a => a.WorkingDays, ct);
        return units.Distinct().ToDictionary(u => u, u => set.GetValueOrDefault(u, DefaultAnswerWorkingDays));
    }

    /// <summary>A required text, trimmed, or a 400 naming <paramref name="field"/>.</summary>
    public static string Required(string? text, string field, int max, string whenEmpty, string what)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ProblemException.Invalid(field, whenEmpty);
        }
        return InputText.Optional(trimmed, field, max, what)!;
    }

    /// <summary>Messages as shown, with their attachments' names and sizes (never their bytes).</summary>
    public static async Task<IReadOnlyDictionary<ThreadId, IReadOnlyList<ThreadMessageView>>> ViewsAsync(NaraDbContext db, IReadOnlyCollection<ThreadId> threads, CancellationToken ct)
    {
        var messages = await db.Set<ThreadMessage>().AsNoTracking().Where(m => threads.Contains(m.ThreadId)).OrderBy(m => m.At).ThenBy(m => m.Id).ToListAsync(ct);
        var files = await db.Set<MessageAttachment>().AsNoTracking().Where(a => threads.Contains(a.ThreadId))
            .Select(a => new { a.Id, a.MessageId, a.FileName, a.ContentType, a.Size }).ToListAsync(ct);
        var byMessage = files.ToLookup(f => f.MessageId, f => new AttachmentView(f.Id.Value, f.FileName, f.ContentType, f.Size));
        return threads.Distinct().ToDictionary(t => t, t => (IReadOnlyList<ThreadMessageView>)messages.Where(m => m.ThreadId == t)
            .Select(m => View(m, byMessage[m.Id].OrderBy(f => f.FileName, StringComparer.Ordinal).ToList())).ToList());
    }

    /// <summary>
    /// Adds a message (and its checked files) from <paramref name="actor"/> to the thread, and follows it: the person's
    /// message starts the unit's promised answer time, care's answer ends it and gives an unheld thread to the one who
    /// answered. Saved by the caller.
    /// </summary>
    public static async Task<(ThreadMessage Message, List<MessageAttachment> Files)> AddMessageAsync(
        NaraDbContext db, MessageThread thread, Actor actor, string? text, IReadOnlyList<NewAttachment> files, DateTimeOffset now, CancellationToken ct)
    {
        var fromStaff = !actor.IsResident;
        var message = new ThreadMessage { ThreadId = thread.Id, FromStaff = fromStaff, AuthorId = actor.Id, AuthorName = actor.Name, Text = text ?? "", At = now };
        db.Add(message);
        var added = files.Select(f => new MessageAttachment { MessageId = message.Id, ThreadId = thread.Id, FileName = f.FileName, ContentType = f.ContentType!, Size = f.Content.Length, Content = f.Content }).ToList();
        db.AddRange(added);
        thread.LastMessageAt = now;
        thread.ConcurrencyToken++;
        if (fromStaff)
        {
            thread.AwaitingSince = null;
            thread.AnswerDueAt = null;
            if (thread.AssignedTo is null)
            {
                thread.AssignedTo = actor.StaffId;
                thread.AssignedName = actor.Name;
            }
        }
        else if (thread.AwaitingSince is null)
        {
            thread.AwaitingSince = now;
            thread.AnswerDueAt = WorkingDays.EndOfWorkingDaysAfter(now, await AnswerDaysAsync(db, thread.UnitId, ct));
        }
        return (message, added);
    }

    /// <summary>
    /// Marks what the other side wrote in the thread as read by <paramref name="actor"/>'s side (the person's, or the
    /// unit's). Returns the audit note on the read: how many were new, or null.
    /// </summary>
    public static async Task<string?> MarkReadAsync(NaraDbContext db, MessageThread thread, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var fromStaff = actor.IsResident;
        var marked = await db.Set<ThreadMessage>().Where(m => m.ThreadId == thread.Id && m.FromStaff == fromStaff && m.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
        return marked switch
        {
            0 => null,
            1 => "Läste ett nytt meddelande",
            _ => $"Läste {marked} nya meddelanden",
        };
    }

    public static ThreadMessageView View(ThreadMessage m, IReadOnlyList<AttachmentView> attachments) =>
        new(m.Id.Value, m.FromStaff, m.AuthorName, m.Text, m.At, attachments);
}
