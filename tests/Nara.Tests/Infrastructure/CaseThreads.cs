using Nara.Modules.Messaging.Domain;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Persistence;

namespace Nara.Tests.Infrastructure;

/// <summary>A case written straight to the database gets its conversation as SendToUnit opens it: a thread with the case's id.</summary>
public static class CaseThreads
{
    public static void Add(NaraDbContext db, TriageCase c) => db.Add(new MessageThread
    {
        Id = c.ThreadId, ResidentId = c.ResidentId, UnitId = c.UnitId, Topic = "Ärende", OriginKind = TriageCase.OriginKind, OriginId = c.Id.Value,
        StartedBy = c.SentBy, StartedByStaff = false, CreatedAt = c.CreatedAt, LastMessageAt = c.CreatedAt,
    });
}
