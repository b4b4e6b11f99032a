using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Monitoring.Content;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Monitoring.Features;

/// <summary>
/// The team sets a person's own limits for a measure, per part (a blood pressure's upper and lower): the target range and
/// the wider alarm range, in the measure's unit, inside its entry range, in order (alarm low ≤ target low &lt; target
/// high ≤ alarm high; any may be left out). Their unit then gets the alerts. A part left wholly empty has no limits.
/// Staff only; audited.
/// </summary>
public sealed class SetMeasureLimits(NaraDbContext db, ResidentAccess access, MeasureCatalog catalog, TimeProvider time) : IFeature
{
    public sealed record Request(IReadOnlyList<Part>? Limits);

    /// <summary>One part's limits (component: systolic, diastolic, or value).</summary>
    public sealed record Part(string? Component, double? TargetLow, double? TargetHigh, double? AlarmLow, double? AlarmHigh);

    public async Task HandleAsync(Actor actor, ResidentId resident, string measureId, Request request, CancellationToken ct)
    {
        var measure = catalog.Find(measureId) ?? throw ProblemException.NotFound("measure", "Måttet finns inte.");
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att sätta gränser.");
        var parts = request.Limits ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            var component = measure.Components.FirstOrDefault(c => c.Id == p.Component);
            if (component is null)
            {
                errors[$"limits[{i}].component"] = [$"Delen ska vara en av {string.Join(", ", measure.Components.Select(c => c.Id))}."];
                continue;
            }
            foreach (var (name, value) in new[] { ("alarmLow", p.AlarmLow), ("targetLow", p.TargetLow), ("targetHigh", p.TargetHigh), ("alarmHigh", p.AlarmHigh) })
            {
                if (value is { } v && (!double.IsFinite(v) || v < component.Min || v > component.Max))
                {
                    errors[$"limits[{i}].{name}"] = [$"{component.Name.Sv}: gränsen ska ligga mellan {component.Min.ToString(CultureInfo.GetCultureInfo("sv-SE"))} och {component.Max.ToString(CultureInfo.GetCultureInfo("sv-SE"))} {measure.Unit}."];
                }
            }
            var ordered = new[] { p.AlarmLow, p.TargetLow, p.TargetHigh, p.AlarmHigh }.Where(v => v is not null).Select(v => v!.Value).ToList();
            if (ordered.Zip(ordered.Skip(1)).Any(x => x.First > x.Second) || (p.TargetLow is { } tl && p.TargetHigh is { } th && tl >= th))
            {
                errors[$"limits[{i}].targetHigh"] = [$"{component.Name.Sv}: gränserna ska vara i ordning: larm lågt, mål lågt, mål högt, larm högt."];
            }
        }
        if (parts.Select(p => p.Component).Distinct(StringComparer.Ordinal).Count() != parts.Count)
        {
            errors["limits"] = ["Varje del får bara finnas en gång."];
        }
        if (errors.Count > 0)
        {
            throw ProblemException.Invalid(errors);
        }
        var grant = await access.RequireAsync(actor, resident, MonitoringRecords.Write with { StaffOnly = "Gränserna sätts av vårdpersonal." }, ct);
        var now = time.GetUtcNow();
        var existing = await db.Set<MeasureLimit>().Where(l => l.ResidentId == resident && l.Measure == measure.Id).ToListAsync(ct);
        foreach (var component in measure.Components)
        {
            var part = parts.FirstOrDefault(p => p.Component == component.Id);
            var row = existing.FirstOrDefault(l => l.Component == component.Id);
            if (part is null || part is { TargetLow: null, TargetHigh: null, AlarmLow: null, AlarmHigh: null })
            {
                if (row is not null)
                {
                    db.Remove(row);
                }
                continue;
            }
            if (row is null)
            {
                row = new MeasureLimit { ResidentId = resident, Measure = measure.Id, Component = component.Id, UnitId = unit, SetAt = now, SetBy = actor.Name };
                db.Add(row);
            }
            (row.TargetLow, row.TargetHigh, row.AlarmLow, row.AlarmHigh) = (part.TargetLow, part.TargetHigh, part.AlarmLow, part.AlarmHigh);
            (row.UnitId, row.SetAt, row.SetBy) = (unit, now, actor.Name);
        }
        using (db.CollectWrites())
        {
            await grant.AuditAsync($"Gränser för {measure.Id}", ct);
            await db.SaveChangesAsync(ct);
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPut("/api/residents/{residentId:guid}/measure-limits/{measure}", async (Guid residentId, string measure, Request request, HttpContext http, SetMeasureLimits handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), measure, request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Egenmonitorering")
            .WithSummary("Sätt personens mål- och larmgränser för ett mått, per del (systolic, diastolic eller value). Enhetens team får larmen.");
}
