using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee;

/// <summary>A clock on the follow-up lists: who, where, which limit, how far along. Personal data.</summary>
public sealed record FollowUpItem(Guid ClockId, ClockKind Kind, ClockSource Source, Guid SourceId, Guid ResidentId, string ResidentName, Guid UnitId, string UnitName,
    DateOnly StartDate, DateOnly Deadline, int Day, int LimitDays, ClockStatus Status, DateOnly? StopDate, string? StoppedBy);

public sealed record FollowUpPage(IReadOnlyList<FollowUpItem> Items, int Total, int PageNumber, int PageSize);

/// <summary>A clock as the API returns it.</summary>
public sealed record ClockResponse(Guid Id, ClockKind Kind, Guid UnitId, string? UnitName, DateOnly StartDate, DateOnly Deadline, int Day, int LimitDays,
    ClockStatus Status, DateOnly? StopDate, string? StoppedBy, string? ExemptionReason);

/// <summary>Compliance of one unit, month (of the start date) and limit: met of settled clocks; excepted and running ones apart.</summary>
public sealed record ComplianceRow(Guid UnitId, string UnitName, string Month, ClockKind Kind, int Met, int Total, int Excepted, int Running)
{
    /// <summary>Met / total, or null when nothing is settled yet.</summary>
    public double? Share => Total == 0 ? null : (double)Met / Total;
}

/// <summary>Loads clocks for the follow-up lists and compliance, for the units the actor may see.</summary>
public sealed class ClockQueries(NaraDbContext db, IOrganisationDirectory organisation, IResidentDirectory residents, ResidentAccess access, TimeProvider time)
{
    public const string AuditResource = "Vårdgaranti (uppföljning)";

    /// <summary>The units a head of unit follows up: the units they work at.</summary>
    public async Task<IReadOnlyList<UnitId>> ManagedUnitsAsync(Actor actor, CancellationToken ct) =>
        actor.IsResident ? [] : (await organisation.GetStaffAsync(actor.StaffId, ct))?.Units ?? (actor.Unit is { } u ? [u] : []);

    public DateOnly Today => Stockholm.Today(time);

    /// <summary>A clock without the resident: for the export, which names no one.</summary>
    public sealed record ClockRow(Guid ClockId, Guid UnitId, string UnitName, ClockKind Kind, DateOnly StartDate, DateOnly Deadline, int Day, ClockStatus Status);

    /// <summary>Running clocks close to their limit at the units, the nearest deadline first. Each resident shown is audited.</summary>
    public async Task<FollowUpPage> AtRiskAsync(Actor actor, IReadOnlyList<UnitId> units, int page, int pageSize, CancellationToken ct) =>
        await PageAsync(actor, await AtRiskClocksAsync(units, ct), page, pageSize, ct);

    /// <summary>Breached clocks at the units whose deadline fell in the last <paramref name="days"/> days, the latest first.</summary>
    public async Task<FollowUpPage> BreachesAsync(Actor actor, IReadOnlyList<UnitId> units, int days, int page, int pageSize, CancellationToken ct) =>
        await PageAsync(actor, await BreachedClocksAsync(units, days, ct), page, pageSize, ct);

    public async Task<IReadOnlyList<ClockRow>> AtRiskRowsAsync(IReadOnlyList<UnitId> units, CancellationToken ct) => await RowsAsync(await AtRiskClocksAsync(units, ct), ct);

    public async Task<IReadOnlyList<ClockRow>> BreachRowsAsync(IReadOnlyList<UnitId> units, int days, CancellationToken ct) => await RowsAsync(await BreachedClocksAsync(units, days, ct), ct);

    private async Task<List<GuaranteeClock>> AtRiskClocksAsync(IReadOnlyList<UnitId> units, CancellationToken ct)
    {
        var today = Today;
        var open = await db.Set<GuaranteeClock>().AsNoTracking()
            .Where(c => units.Contains(c.UnitId) && c.StopDate == null && c.Exemption == null && c.Deadline >= today)
            .ToListAsync(ct);
        return open.Where(c => c.StatusOn(today) == ClockStatus.Risk).OrderBy(c => c.Deadline).ThenBy(c => c.StartedAt).ToList();
    }

    private async Task<List<GuaranteeClock>> BreachedClocksAsync(IReadOnlyList<UnitId> units, int days, CancellationToken ct)
    {
        var today = Today;
        var since = today.AddDays(-days);
        var breached = await db.Set<GuaranteeClock>().AsNoTracking()
            .Where(c => units.Contains(c.UnitId) && c.Exemption == null && c.Deadline >= since
                        && ((c.StopDate == null && c.Deadline < today) || c.StopDate > c.Deadline))
            .ToListAsync(ct);
        return breached.OrderByDescending(c => c.Deadline).ThenBy(c => c.StartedAt).ToList();
    }

    private async Task<IReadOnlyList<ClockRow>> RowsAsync(List<GuaranteeClock> clocks, CancellationToken ct)
    {
        var today = Today;
        var names = await organisation.GetUnitsAsync(clocks.Select(c => c.UnitId).Distinct(), ct);
        return clocks.Select(c => new ClockRow(c.Id.Value, c.UnitId.Value, names.TryGetValue(c.UnitId, out var u) ? u.Name : "–", c.Kind, c.StartDate, c.Deadline,
            GuaranteeRules.DayNumber(c.StartDate, c.StopDate ?? today), c.StatusOn(today))).ToList();
    }

    /// <summary>
    /// Compliance per unit, start month and limit over the last <paramref name="months"/> months (this one included).
    /// Counts only: no resident is named, so no access decision applies.
    /// </summary>
    public async Task<IReadOnlyList<ComplianceRow>> ComplianceAsync(IReadOnlyList<UnitId>? units, int months, CancellationToken ct)
    {
        var today = Today;
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));
        var query = db.Set<GuaranteeClock>().AsNoTracking().Where(c => c.StartDate >= from);
        if (units is not null)
        {
            query = query.Where(c => units.Contains(c.UnitId));
        }
        var rows = await query.Select(c => new { c.UnitId, c.Kind, c.StartDate, c.StopDate, Excepted = c.Exemption != null }).ToListAsync(ct);
        var names = await organisation.GetUnitsAsync(rows.Select(r => r.UnitId).Distinct(), ct);
        return rows
            .Select(r => new { r.UnitId, r.Kind, Month = $"{r.StartDate.Year:D4}-{r.StartDate.Month:D2}", Status = GuaranteeRules.Status(r.Kind, r.StartDate, r.StopDate, r.Excepted, today) })
            .GroupBy(r => (r.UnitId, r.Month, r.Kind))
            .Select(g => new ComplianceRow(g.Key.UnitId.Value, names.TryGetValue(g.Key.UnitId, out var u) ? u.Name : "–", g.Key.Month, g.Key.Kind,
                g.Count(r => r.Status == ClockStatus.Uppfylld),
                g.Count(r => GuaranteeRules.CountsInCompliance(r.Status)),
                g.Count(r => r.Status == ClockStatus.Undantag),
                g.Count(r => r.Status is ClockStatus.Pagaende or ClockStatus.Risk)))
            .OrderBy(r => r.UnitName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false))
            .ThenByDescending(r => r.Month).ThenBy(r => r.Kind)
            .ToList();
    }

    private async Task<FollowUpPage> PageAsync(Actor actor, List<GuaranteeClock> clocks, int page, int pageSize, CancellationToken ct)
    {
        var today = Today;
        var shown = clocks.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var names = await organisation.GetUnitsAsync(shown.Select(c => c.UnitId).Distinct(), ct);
        var people = await residents.GetManyAsync(shown.Select(c => c.ResidentId).Distinct().ToList(), ct);
        var items = new List<FollowUpItem>();
        foreach (var c in shown)
        {
            var resident = people.GetValueOrDefault(c.ResidentId);
            items.Add(new FollowUpItem(c.Id.Value, c.Kind, c.Source, c.SourceId, c.ResidentId.Value, resident?.Name ?? "–", c.UnitId.Value,
                names.TryGetValue(c.UnitId, out var u) ? u.Name : "–", c.StartDate, c.Deadline,
                GuaranteeRules.DayNumber(c.StartDate, c.StopDate ?? today), GuaranteeRules.LimitDays(c.Kind), c.StatusOn(today), c.StopDate, c.StoppedBy));
        }
        // The clock is there because the resident sought care at the unit: the unit's care relationship; each disclosure is
        // logged, the page in one batch.
        await access.AuditUnitListAsync(actor, shown.Select(c => c.ResidentId), AuditResource, AuditAction.Search, null, ct);
        return new FollowUpPage(items, clocks.Count, page, pageSize);
    }

    /// <summary>A clock as the API returns it.</summary>
    public static ClockResponse Response(GuaranteeClock c, DateOnly today, string? unitName = null) =>
        new(c.Id.Value, c.Kind, c.UnitId.Value, unitName, c.StartDate, c.Deadline, GuaranteeRules.DayNumber(c.StartDate, c.StopDate ?? today), GuaranteeRules.LimitDays(c.Kind),
            c.StatusOn(today), c.StopDate, c.StoppedBy, c.ExemptionReason);

    /// <summary>A clock as shown on a case or to the resident.</summary>
    public static ClockView View(GuaranteeClock c, DateOnly today) =>
        new(c.Id, c.Kind, c.UnitId, c.StartDate, c.Deadline, GuaranteeRules.DayNumber(c.StartDate, c.StopDate ?? today), c.StatusOn(today), c.StopDate, c.StoppedBy,
            c.ExemptionReason);
}
