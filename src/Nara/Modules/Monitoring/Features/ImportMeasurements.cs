using Nara.Modules.Monitoring.Content;
using Nara.Modules.Monitoring.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Nara.Platform.Persistence;

namespace Nara.Modules.Monitoring.Features;

/// <summary>
/// Imports a device's CSV export of home measurements (<see cref="MeasurementCsv"/>): all or nothing, every wrong line
/// named. The values are read against the person's limits, and each measure with values outside them gives one alert
/// for the team (the worst, the latest of equals, with how many were outside). One transaction, audited.
/// </summary>
public sealed class ImportMeasurements(NaraDbContext db, ResidentAccess access, MeasureCatalog catalog, IConfiguration configuration, TimeProvider time) : IFeature
{
    public const int MaxRows = 200_000;

    /// <summary>How many were imported, per measure, and the alerts raised.</summary>
    public sealed record Response(int Imported, IReadOnlyDictionary<string, int> ByMeasure, IReadOnlyList<RecordMeasurement.AlertView> Alerts);

    public async Task<Response> HandleAsync(Actor actor, ResidentId resident, TextReader csv, CancellationToken ct, int maxRows = MaxRows)
    {
        var now = time.GetUtcNow();
        var read = MeasurementCsv.Read(csv, catalog, now, maxRows);
        if (read.Errors.Count > 0)
        {
            throw ProblemException.Invalid(new Dictionary<string, string[]>(read.Errors));
        }
        var grant = await access.RequireAsync(actor, resident, MonitoringRecords.Write, ct);
        var alerts = new List<MeasurementAlert>();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var group in read.Rows.GroupBy(r => r.Measure.Id, StringComparer.Ordinal))
            {
                var measure = group.First().Measure;
                var limits = await MonitoringRecords.LimitsAsync(db, grant, measure.Id, ct);
                Measurement? worst = null;
                MeasurementRules.Breach? worstBreach = null;
                var outside = 0;
                foreach (var chunk in group.Chunk(Batch))
                {
                    var rows = chunk.Select(r => new Measurement
                    {
                        ResidentId = resident, Measure = measure.Id, Value = r.Value, Value2 = r.Value2, MeasuredAt = r.MeasuredAt, EnteredAt = now,
                        Source = MeasurementSource.Fil, EnteredBy = actor.Name,
                    }).ToList();
                    foreach (var m in rows)
                    {
                        if (limits.Count > 0 && MeasurementRules.Against(measure, m.Value, m.Value2, limits) is { } breach)
                        {
                            outside++;
                            if (worstBreach is null || breach.Priority > worstBreach.Priority || (breach.Priority == worstBreach.Priority && m.MeasuredAt >= worst!.MeasuredAt))
                            {
                                (worst, worstBreach) = (m, breach);
                            }
                        }
                    }
                    await InsertAsync(rows, ct);
                }
                if (worst is not null && MonitoringRecords.AlertFor(db, measure, worst, limits, now, configuration,
                        outside > 1 ? $" ({outside} värden utanför gränserna i filen)" : null) is { } alert)
                {
                    alerts.Add(alert);
                }
            }
            using (db.CollectWrites())
            {
                await grant.AuditAsync($"Import från fil: {read.Rows.Count} värden", ct);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        return new Response(read.Rows.Count, read.Rows.GroupBy(r => r.Measure.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            alerts.Select(a => new RecordMeasurement.AlertView(a.Id.Value, a.Priority, a.Reason, a.HandleBy)).ToList());
    }

    private const int Batch = 5_000;

    // A file can hold a device's years of readings: the rows go in without change tracking, in the import's transaction.
    // On PostgreSQL each batch is one prepared INSERT of arrays; on SQLite, in process, the prepared single-row INSERT
    // executed per row. Names, types and converters come from the EF model (ModelTable), so rows are stored as EF stores them.
    private async Task InsertAsync(IReadOnlyList<Measurement> rows, CancellationToken ct)
    {
        var table = ModelTable.For<Measurement>(db);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        if (db.Database.IsNpgsql())
        {
            table.PrepareArrayInsert(command, rows);
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        table.PrepareSingleInsert(command);
        foreach (var row in rows)
        {
            table.BindInsert(command, row);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/measurements/import", async (Guid residentId, HttpContext http, ImportMeasurements handler, CancellationToken ct) =>
            {
                using var body = new StreamReader(http.Request.Body);
                using var reader = new StringReader(await body.ReadToEndAsync(ct));
                return TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), reader, ct));
            })
            .Accepts<string>("text/csv")
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Egenmonitorering")
            .WithSummary("Importera mätvärden från en mätares CSV-export (text/csv): rubrikerna tid;mått;värde;enhet, en mätning per rad. Allt eller inget; varje felaktig rad namnges.");
}
