using Microsoft.EntityFrameworkCore;
using Nara.Modules.Monitoring.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Monitoring.Features;

/// <summary>
/// The unit's measurement alerts nobody has handled yet, high priority first and then the oldest, with whether each has
/// passed its time and gone to the unit's head. For staff working at the unit; each person on the list is audited.
/// </summary>
public sealed class ListMeasurementAlerts(NaraDbContext db, ResidentAccess access, IResidentDirectory residents) : IFeature
{
    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, string Measure, AlertPriority Priority, string Reason, DateTimeOffset RaisedAt,
        DateTimeOffset HandleBy, DateTimeOffset? EscalatedAt);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Larmen visas för vårdpersonal som arbetar på en enhet.");
        }
        var alerts = await db.Set<MeasurementAlert>().AsNoTracking()
            .Where(a => a.UnitId == unit && a.HandledAt == null)
            .OrderByDescending(a => a.Priority).ThenBy(a => a.RaisedAt).Take(100).ToListAsync(ct);
        if (alerts.Count == 0)
        {
            return [];
        }
        var names = await residents.GetManyAsync(alerts.Select(a => a.ResidentId).Distinct().ToList(), ct);
        await access.AuditUnitListAsync(actor, alerts.Select(a => a.ResidentId), MonitoringRecords.AlertResource, AuditAction.Read, "Enhetens mätvärdeslarm", ct);
        return alerts.Select(a => new Item(a.Id.Value, a.ResidentId.Value, names.TryGetValue(a.ResidentId, out var r) ? r.Name : "–", a.Measure, a.Priority, a.Reason,
            a.RaisedAt, a.HandleBy, a.EscalatedAt)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/measurement-alerts", async (HttpContext http, ListMeasurementAlerts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Egenmonitorering")
            .WithSummary("Enhetens ohanterade mätvärdeslarm, hög prioritet först; escalatedAt när tiden gått ut och larmet gått till verksamhetschefen.");
}
