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
/// A home measurement entered by the person (or a guardian, or staff): the unit checked against the measure's UCUM units
/// and converted, each value inside its entry range, then read against the limits the team set; a value outside them
/// puts an alert with its priority on that team's worklist, in the same transaction. Audited.
/// </summary>
public sealed class RecordMeasurement(NaraDbContext db, ResidentAccess access, MeasureCatalog catalog, IConfiguration configuration, TimeProvider time) : IFeature
{
    /// <param name="Measure">The measure's id (blood-pressure, pulse, weight, glucose, oxygen-saturation, temperature, peak-flow).</param>
    /// <param name="Value">The value (a blood pressure's upper, systolic).</param>
    /// <param name="Value2">A blood pressure's lower (diastolic); nothing for the others.</param>
    /// <param name="Unit">A UCUM unit the measure accepts; by default the measure's own.</param>
    /// <param name="MeasuredAt">When it was measured; by default now. Not in the future.</param>
    public sealed record Request(string? Measure, double? Value, double? Value2 = null, string? Unit = null, DateTimeOffset? MeasuredAt = null);

    /// <summary>The kept measurement in the measure's own unit, and the alert it raised, if any.</summary>
    public sealed record Response(Guid Id, string Measure, double Value, double? Value2, string Unit, DateTimeOffset MeasuredAt, AlertView? Alert);

    /// <summary>An alert raised: its priority (Normal, Hog) and what is outside which limit.</summary>
    public sealed record AlertView(Guid Id, AlertPriority Priority, string Reason, DateTimeOffset HandleBy);

    public async Task<Response> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct, MeasurementSource source = MeasurementSource.Manuell)
    {
        var measure = catalog.Find(request.Measure?.Trim()) ?? throw ProblemException.Invalid("measure", "Välj vad du har mätt.");
        var values = MeasurementRules.Check(measure, request.Unit, request.Value, request.Value2);
        if (!values.Ok)
        {
            throw ProblemException.Invalid(values.Field!, values.Error!);
        }
        var now = time.GetUtcNow();
        var measuredAt = request.MeasuredAt ?? now;
        if (measuredAt > now.AddMinutes(5))
        {
            throw ProblemException.Invalid("measuredAt", "Tiden för mätningen kan inte vara i framtiden.");
        }
        if (measuredAt < now.AddYears(-5))
        {
            throw ProblemException.Invalid("measuredAt", "Tiden för mätningen är mer än fem år sedan. Kontrollera datumet.");
        }
        var grant = await access.RequireAsync(actor, resident, MonitoringRecords.Write, ct);
        var limits = await MonitoringRecords.LimitsAsync(db, grant, measure.Id, ct);
        var m = new Measurement
        {
            ResidentId = resident, Measure = measure.Id, Value = values.Value, Value2 = values.Value2, MeasuredAt = measuredAt.ToUniversalTime(), EnteredAt = now,
            Source = source, EnteredBy = actor.Name,
        };
        db.Add(m);
        var alert = MonitoringRecords.AlertFor(db, measure, m, limits, now, configuration);
        using (db.CollectWrites())
        {
            await grant.AuditAsync(alert is null ? $"Nytt värde: {measure.Id}" : $"Nytt värde: {measure.Id}; larm ({alert.Priority}) till enheten", ct);
            await db.SaveChangesAsync(ct);
        }
        return new Response(m.Id.Value, measure.Id, m.Value, m.Value2, measure.Unit, m.MeasuredAt,
            alert is null ? null : new AlertView(alert.Id.Value, alert.Priority, alert.Reason, alert.HandleBy));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/measurements", async (Guid residentId, Request request, HttpContext http, RecordMeasurement handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Egenmonitorering")
            .WithSummary("Lägg in ett mätvärde hemifrån (measure, value, value2 för blodtryck, unit i UCUM, measuredAt). Ett värde utanför personens gränser blir ett larm till teamet.");
}
