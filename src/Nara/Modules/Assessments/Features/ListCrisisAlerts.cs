using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// The unit's crisis alerts that nobody has acknowledged yet, the oldest first, with whether each has passed its time and
/// gone to the unit's head. For staff working at the unit; each person on the list is audited.
/// </summary>
public sealed class ListCrisisAlerts(NaraDbContext db, ResidentAccess access, IResidentDirectory residents) : IFeature
{
    public sealed record Item(Guid Id, Guid ResidentId, string ResidentName, string Reason, DateTimeOffset RaisedAt, DateTimeOffset AcknowledgeBy, DateTimeOffset? EscalatedAt);

    public async Task<IReadOnlyList<Item>> HandleAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw ProblemException.Forbidden("Krislarmen visas för vårdpersonal som arbetar på en enhet.");
        }
        var alerts = await db.Set<CrisisAlert>().AsNoTracking()
            .Where(a => a.UnitId == unit && a.AcknowledgedAt == null)
            .OrderBy(a => a.RaisedAt).Take(100).ToListAsync(ct);
        if (alerts.Count == 0)
        {
            return [];
        }
        var names = await residents.GetManyAsync(alerts.Select(a => a.ResidentId).Distinct().ToList(), ct);
        await access.AuditUnitListAsync(actor, alerts.Select(a => a.ResidentId), AssessmentRecords.CrisisResource, AuditAction.Read, "Enhetens krislarm", ct);
        return alerts.Select(a => new Item(a.Id.Value, a.ResidentId.Value, names.TryGetValue(a.ResidentId, out var r) ? r.Name : "–", a.Reason, a.RaisedAt,
            a.AcknowledgeBy, a.EscalatedAt)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/crisis-alerts", async (HttpContext http, ListCrisisAlerts handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Skattningsformulär")
            .WithSummary("Enhetens krislarm som ingen har kvitterat, äldst först; escalatedAt när tiden gått ut och larmet gått till verksamhetschefen.");
}
