using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Platform.Outbox.Features;

/// <summary>
/// The Utkorg: a resident sees the messages sent to them and to their children under 13; an administrator sees every
/// message's delivery state (kind, channel, attempts, last error) but not who it was for or its text.
/// </summary>
public sealed class ListMessages(NaraDbContext db, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    public const int PageSize = 25;
    public const string AuditResource = "Meddelanden";

    public sealed record ResidentMessage(long Id, Guid ResidentId, string ResidentName, string Kind, string Subject, string Body, MessageChannel? Via, DateTimeOffset? SentAt)
    {
        /// <summary>Not opened in Nära before this listing (which marks it read).</summary>
        public bool New { get; init; }
    }

    public sealed record ResidentPage(IReadOnlyList<ResidentMessage> Messages, int PageNumber, int TotalCount, int PageSize);

    public sealed record AdminMessage(long Id, string Kind, MessageChannel? RequestedChannel, MessageChannel? Via, OutboxStatus Status, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset SendAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? SentAt, string? LastError);

    public sealed record AdminPage(IReadOnlyList<AdminMessage> Messages, int PageNumber, int TotalCount, int PageSize);

    /// <summary>Which messages an administrator looks at.</summary>
    public enum AdminView
    {
        Alla,
        /// <summary>Failed, or pending after at least one failed attempt.</summary>
        Problem,
        Vantande,
    }

    /// <summary>
    /// The messages sent to the resident and their children, newest first. With <paramref name="markRead"/> the messages
    /// are being opened by the person: all their unread ones become read (those on the page show as new this once).
    /// </summary>
    public async Task<ResidentPage> ForResidentAsync(Actor actor, int page, bool markRead, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var people = await residents.SelfAndChildrenAllowedAsync(access, actor, AccessRequest.Read(AuditResource), ct);
        var ids = people.Select(p => p.Person.Id).ToList();
        var query = db.Set<OutboxMessage>().AsNoTracking().Where(m => ids.Contains(m.Recipient) && m.Status == OutboxStatus.Sent);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var names = people.ToDictionary(p => p.Person.Id, p => p.Person.Name);
        foreach (var (_, grant) in people.Where(p => rows.Any(r => r.Recipient == p.Person.Id)))
        {
            await grant.AuditAsync(null, ct);
        }
        // Opening the messages marks them all seen, as a notification centre does (those on this page still show as new this time).
        if (markRead)
        {
            var now = time.GetUtcNow();
            await query.Where(m => m.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.ReadAt, now), ct);
        }
        return new ResidentPage(rows.Select(m => new ResidentMessage(m.Id, m.Recipient.Value, names[m.Recipient], m.Kind, m.Subject, m.Body, m.DeliveredVia, m.SentAt)
            {
                New = m.ReadAt is null,
            }).ToList(),
            page, total, PageSize);
    }

    public async Task<AdminPage> ForAdministratorAsync(AdminView view, int page, CancellationToken ct)
    {
        page = Math.Max(1, page);
        var query = db.Set<OutboxMessage>().AsNoTracking();
        query = view switch
        {
            AdminView.Problem => query.Where(m => m.Status == OutboxStatus.Failed || (m.Status == OutboxStatus.Pending && m.Attempts > 0)),
            AdminView.Vantande => query.Where(m => m.Status == OutboxStatus.Pending),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new AdminPage(rows.Select(m => new AdminMessage(m.Id, m.Kind, m.RequestedChannel, m.DeliveredVia, m.Status, m.Attempts, m.CreatedAt, m.SendAt,
            m.Status == OutboxStatus.Pending ? m.NextAttemptAt : null, m.LastAttemptAt, m.SentAt, m.LastError)).ToList(), page, total, PageSize);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/utkorg", async (int? sida, bool? markeraLasta, HttpContext http, ListMessages handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForResidentAsync(Actor.FromPrincipal(http.User)!, sida ?? 1, markeraLasta == true, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Utkorg")
            .WithSummary("Meddelanden som skickats till mig och mina barn (bokningsbekräftelser, påminnelser, svar i ärenden, erbjudanden), nyaste först; new = oläst. markeraLasta=true markerar sidans olästa som lästa.");
        endpoints.MapGet("/api/utkorg/alla", async (AdminView? visa, int? sida, ListMessages handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ForAdministratorAsync(visa ?? AdminView.Alla, sida ?? 1, ct)))
            .RequireAuthorization(NaraPolicies.Administrator)
            .WithTags("Utkorg")
            .WithSummary("Alla meddelanden och deras leveransstatus, för administratörer (visa=Problem för misslyckade och de som försöks igen). Utan mottagare och text.");
    }
}
