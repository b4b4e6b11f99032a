using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Platform.Access.Features;

/// <summary>
/// The head of unit (verksamhetschef) follows up access at their units: the audit log with filters, and the emergency
/// accesses still to be reviewed. Reading the log is itself logged.
/// </summary>
public sealed class ReviewAccess(NaraDbContext db, IOrganisationDirectory organisation, IResidentDirectory residents, ResidentAccess access, TimeProvider time) : IFeature
{
    public const int PageSize = 50;

    public sealed record Filter(DateOnly? From, DateOnly? To, AuditOutcome? Outcome, bool FlaggedOnly, string? Personnummer, int Page);

    public sealed record LogEntry(long Id, DateTimeOffset At, string ActorName, string ActorRole, string? UnitName, Guid? ResidentId, string? ResidentName, string Resource, AuditAction Action, AuditOutcome Outcome, AccessBasis Basis, string? Reason, bool Flagged);

    public sealed record LogPage(IReadOnlyList<LogEntry> Entries, int PageNumber, int TotalCount, int PageSize, string? Error);

    public sealed record PendingReview(Guid Id, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt, string StaffName, string UnitName, Guid ResidentId, string ResidentName, string Reason, DateTimeOffset? ReviewedAt, string? ReviewNote);

    public sealed record ReviewRequest(string? Note);

    private async Task<List<UnitId>> ManagedUnitsAsync(Actor actor, CancellationToken ct) =>
        (await organisation.GetStaffAsync(actor.StaffId, ct))?.Units.ToList() ?? [];

    public async Task<LogPage> SearchLogAsync(Actor actor, Filter filter, CancellationToken ct)
    {
        DateBounds.Check("from", filter.From);
        DateBounds.Check("to", filter.To);
        var units = await ManagedUnitsAsync(actor, ct);
        var query = db.Set<AuditEvent>().AsNoTracking().Where(e => e.ActorUnitId != null && units.Contains(e.ActorUnitId.Value));
        if (filter.From is { } from)
        {
            var f = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At >= f);
        }
        if (filter.To is { } to)
        {
            var t = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.At < t);
        }
        if (filter.Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }
        if (filter.FlaggedOnly)
        {
            query = query.Where(e => e.Flagged);
        }
        if (!string.IsNullOrWhiteSpace(filter.Personnummer))
        {
            if (!Modules.Residents.Contracts.Personnummer.TryParse(filter.Personnummer, Time.Stockholm.Today(time), out var pnr, out var error))
            {
                return new LogPage([], 1, 0, PageSize, error);
            }
            var r = await residents.FindByPersonnummerAsync(pnr.Value, ct);
            var rid = r?.Id;
            query = query.Where(e => e.ResidentId == rid);
        }
        var page = Math.Max(1, filter.Page);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var unitNames = await organisation.GetUnitsAsync(rows.Where(e => e.ActorUnitId != null).Select(e => e.ActorUnitId!.Value), ct);
        var names = await ResidentNamesAsync(rows.Where(e => e.ResidentId != null).Select(e => e.ResidentId!.Value), ct);
        await access.AuditAggregateAsync(actor, "Granskning av åtkomstlogg", AuditAction.Read, ct);
        // The entries name the residents they are about: each one shown is in that resident's own log.
        await access.AuditOversightAllAsync(actor, rows.Where(e => e.ResidentId != null).Select(e => e.ResidentId!.Value), "Granskning av åtkomstlogg", AuditAction.Read, ct);
        return new LogPage(rows.Select(e => new LogEntry(e.Id, e.At, e.ActorName, e.ActorRole,
            e.ActorUnitId is { } u && unitNames.TryGetValue(u, out var un) ? un.Name : null,
            e.ResidentId?.Value, e.ResidentId is { } rr ? names.GetValueOrDefault(rr) : null,
            e.Resource, e.Action, e.Outcome, e.Basis, e.Reason, e.Flagged)).ToList(), page, total, PageSize, null);
    }

    public async Task<IReadOnlyList<PendingReview>> EmergencyAccessesAsync(Actor actor, bool includeReviewed, CancellationToken ct)
    {
        var units = await ManagedUnitsAsync(actor, ct);
        var rows = await db.Set<EmergencyAccess>().AsNoTracking()
            .Where(e => units.Contains(e.UnitId) && (includeReviewed || e.ReviewedAt == null))
            .OrderByDescending(e => e.OpenedAt).Take(200).ToListAsync(ct);
        var unitNames = await organisation.GetUnitsAsync(rows.Select(r => r.UnitId), ct);
        var names = await ResidentNamesAsync(rows.Select(r => r.ResidentId), ct);
        var staff = new Dictionary<StaffId, string>();
        foreach (var id in rows.Select(r => r.StaffId).Distinct())
        {
            staff[id] = (await organisation.GetStaffAsync(id, ct))?.Name ?? "–";
        }
        // Who was looked at and the stated reason: each resident shown is in their own log.
        await access.AuditOversightAllAsync(actor, rows.Select(r => r.ResidentId), "Granskning av nödåtkomst", AuditAction.Read, ct);
        return rows.Select(r => new PendingReview(r.Id.Value, r.OpenedAt, r.ExpiresAt, staff[r.StaffId],
            unitNames.TryGetValue(r.UnitId, out var u) ? u.Name : "–", r.ResidentId.Value, names.GetValueOrDefault(r.ResidentId, "–"),
            r.Reason, r.ReviewedAt, r.ReviewNote)).ToList();
    }

    public async Task<(bool Found, string? Error)> MarkReviewedAsync(Actor actor, EmergencyAccessId id, string? note, CancellationToken ct)
    {
        var units = await ManagedUnitsAsync(actor, ct);
        var e = await db.Set<EmergencyAccess>().FirstOrDefaultAsync(x => x.Id == id && units.Contains(x.UnitId), ct);
        if (e is null)
        {
            return (false, null);
        }
        if (e.ReviewedAt is not null)
        {
            return (true, "Nödåtkomsten är redan granskad.");
        }
        if (note?.Length > 1000)
        {
            return (true, "Anteckningen får vara högst 1000 tecken.");
        }
        e.ReviewedAt = time.GetUtcNow();
        e.ReviewedBy = actor.StaffId;
        e.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(ct);
        await access.AuditOversightAsync(actor, e.ResidentId, "Granskning av nödåtkomst", AuditAction.Write, ct);
        return (true, null);
    }

    private async Task<Dictionary<ResidentId, string>> ResidentNamesAsync(IEnumerable<ResidentId> ids, CancellationToken ct)
    {
        var result = new Dictionary<ResidentId, string>();
        foreach (var id in ids.Distinct())
        {
            if (await residents.GetAsync(id, ct) is { } r)
            {
                result[id] = r.Name;
            }
        }
        return result;
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/access-review").RequireAuthorization(NaraPolicies.Verksamhetschef).WithTags("Åtkomstuppföljning");
        group.MapGet("/log", async (DateOnly? from, DateOnly? to, AuditOutcome? outcome, bool? flaggedOnly, string? personnummer, int? page, HttpContext http, ReviewAccess handler, CancellationToken ct) =>
            {
                var result = await handler.SearchLogAsync(Actor.FromPrincipal(http.User)!, new Filter(from, to, outcome, flaggedOnly ?? false, personnummer, page ?? 1), ct);
                return result.Error is { } error ? Problems.Invalid("personnummer", error) : Results.Ok(result);
            }).WithSummary("Åtkomstloggen för mina enheter, med filter.");
        group.MapGet("/emergency-accesses", async (bool? includeReviewed, HttpContext http, ReviewAccess handler, CancellationToken ct) =>
            Results.Ok(await handler.EmergencyAccessesAsync(Actor.FromPrincipal(http.User)!, includeReviewed ?? false, ct)))
            .WithSummary("Nödåtkomster på mina enheter att följa upp.");
        group.MapPost("/emergency-accesses/{id:guid}/review", async (Guid id, ReviewRequest request, HttpContext http, ReviewAccess handler, CancellationToken ct) =>
            {
                var (found, error) = await handler.MarkReviewedAsync(Actor.FromPrincipal(http.User)!, new EmergencyAccessId(id), request.Note, ct);
                return !found ? Problems.NotFound("Nödåtkomsten") : error is null ? Results.NoContent() : Problems.Conflict(error);
            }).WithSummary("Markera en nödåtkomst som granskad.");
    }
}
