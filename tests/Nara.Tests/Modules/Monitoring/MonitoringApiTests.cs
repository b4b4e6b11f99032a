using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Monitoring.Domain;
using Nara.Modules.Monitoring.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Monitoring;

/// <summary>
/// Self-monitoring over the API on both engines: the team sets a person's limits, a value outside them puts an alert with
/// its priority on the team's worklist at once and escalates when nobody handles it in time; bad values and broken CSV
/// lines are named with nothing written; an import is all or nothing; the course for a chart; the access rules.
/// </summary>
public abstract class MonitoringApiTests(NaraApp app)
{
    private sealed record Saved(Guid Id, string Measure, double Value, double? Value2, string Unit, RecordMeasurement.AlertView? Alert);

    private sealed record WorkItem(string Kind, string Title, Guid? ResidentId, string Urgency, string Href);

    private sealed record Worklist(List<WorkItem> Items);

    private async Task<(HttpClient Nurse, HttpClient Person, HttpClient Head, Guid Resident)> SetUpAsync()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var head = await app.Data.StaffAsync(vc.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        return (await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value), await app.ResidentClientAsync(resident.Id.Value),
            await app.StaffClientAsync(head.Id.Value, vc.Id.Value), resident.Id.Value);
    }

    private Task<DateTimeOffset?> EscalatedAtAsync(Guid alert) => app.Data.WithDbAsync(db =>
        db.Set<MeasurementAlert>().Where(a => a.Id == new Nara.Modules.Monitoring.Contracts.MeasurementAlertId(alert)).Select(a => a.EscalatedAt).SingleAsync());

    private static object BloodPressureLimits => new
    {
        limits = new[]
        {
            new { component = "systolic", targetLow = 100.0, targetHigh = 140.0, alarmLow = 90.0, alarmHigh = 180.0 },
            new { component = "diastolic", targetLow = 60.0, targetHigh = 90.0, alarmLow = 50.0, alarmHigh = 110.0 },
        },
    };

    [Fact]
    public async Task A_high_blood_pressure_puts_an_alert_on_the_teams_worklist_at_once_and_it_escalates_unless_handled()
    {
        var (nurse, person, head, resident) = await SetUpAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await person.PutAsJsonAsync($"/api/residents/{resident}/measure-limits/blood-pressure", BloodPressureLimits)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await nurse.PutAsJsonAsync($"/api/residents/{resident}/measure-limits/blood-pressure", BloodPressureLimits)).StatusCode);
        var path = $"/api/residents/{resident}/measurements";

        var inside = await ReadAsync<Saved>(await person.PostAsJsonAsync(path, new { measure = "blood-pressure", value = 132, value2 = 84, unit = "mm[Hg]" }));
        Assert.Null(inside.Alert);
        var aboveTarget = await ReadAsync<Saved>(await person.PostAsJsonAsync(path, new { measure = "blood-pressure", value = 150, value2 = 85 }));
        Assert.Equal(AlertPriority.Normal, aboveTarget.Alert!.Priority);
        Assert.Equal(app.Now.AddDays(3), aboveTarget.Alert.HandleBy);
        var alarm = await ReadAsync<Saved>(await person.PostAsJsonAsync(path, new { measure = "blood-pressure", value = 186, value2 = 104, measuredAt = app.Now.AddMinutes(-10) }));
        Assert.Equal(AlertPriority.Hog, alarm.Alert!.Priority);
        Assert.Equal("Blodtryck 186/104 mm[Hg]: över larmgränsen 180 (övre (systoliskt))", alarm.Alert.Reason);

        var worklist = await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"));
        var items = worklist.Items.Where(i => i.Kind == "Matvarde").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(("Akut", alarm.Alert.Reason), (items[0].Urgency, items[0].Title));
        Assert.Contains($"/min-arbetsdag/patient/{resident}/matvarden", items[0].Href, StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var escalate = scope.ServiceProvider.GetRequiredService<EscalateMeasurementAlerts>();
            // The host is shared: other tests' alerts may escalate too, so this alert is looked at by its id.
            await escalate.RunAsync(app.Now.AddMinutes(119), CancellationToken.None);
            Assert.Null(await EscalatedAtAsync(alarm.Alert.Id));
            Assert.True(await escalate.RunAsync(app.Now.AddHours(2), CancellationToken.None) >= 1);
            Assert.Equal(app.Now.AddHours(2), await EscalatedAtAsync(alarm.Alert.Id));
            Assert.Null(await EscalatedAtAsync(aboveTarget.Alert.Id));
        }
        var headsList = await ReadAsync<Worklist>(await head.GetAsync("/api/worklist"));
        Assert.Single(headsList.Items, i => i.Kind == "Matvarde" && i.Title.EndsWith("eskalerat till verksamhetschef", StringComparison.Ordinal));

        Assert.Equal("note", await ProblemFieldAsync(await nurse.PostAsJsonAsync($"/api/measurement-alerts/{alarm.Alert.Id}/handle", new { note = "" }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await nurse.PostAsJsonAsync($"/api/measurement-alerts/{alarm.Alert.Id}/handle", new { note = "Ringt, ökat dosen, ny kontroll om en vecka." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await head.PostAsJsonAsync($"/api/measurement-alerts/{alarm.Alert.Id}/handle", new { note = "Igen" })).StatusCode);
        Assert.Single(await ReadAsync<List<ListMeasurementAlerts.Item>>(await nurse.GetAsync("/api/measurement-alerts")));
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == new ResidentId(resident) && e.Resource == "Mätvärdeslarm" && e.Reason == "Eskalerat larm hanterat")));

        // The course for the chart: the values in time order, the limits, and for staff the alerts.
        var course = await ReadAsync<JsonElement>(await nurse.GetAsync($"{path}?measure=blood-pressure&days=30"));
        Assert.Equal(3, course.GetProperty("count").GetInt32());
        Assert.Equal(186, course.GetProperty("series")[0].GetProperty("value").GetDouble());
        Assert.Equal(2, course.GetProperty("limits").GetArrayLength());
        Assert.Equal(2, course.GetProperty("alerts").GetArrayLength());
        Assert.Equal(0, (await ReadAsync<JsonElement>(await person.GetAsync($"{path}?measure=blood-pressure"))).GetProperty("alerts").GetArrayLength());
    }

    [Fact]
    public async Task Impossible_values_and_wrong_units_are_named_and_nothing_is_written()
    {
        var (nurse, person, _, resident) = await SetUpAsync();
        var path = $"/api/residents/{resident}/measurements";
        Assert.Equal("value", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { measure = "blood-pressure", value = 400, value2 = 20 }), HttpStatusCode.BadRequest));
        Assert.Equal("value", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { measure = "weight", value = -3, unit = "kg" }), HttpStatusCode.BadRequest));
        Assert.Equal("unit", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { measure = "weight", value = 80, unit = "mm[Hg]" }), HttpStatusCode.BadRequest));
        Assert.Equal("measure", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { measure = "kolesterol", value = 5 }), HttpStatusCode.BadRequest));
        Assert.Equal("measuredAt", await ProblemFieldAsync(await person.PostAsJsonAsync(path, new { measure = "pulse", value = 60, measuredAt = app.Now.AddHours(1) }), HttpStatusCode.BadRequest));
        Assert.Equal("limits[0].targetHigh", await ProblemFieldAsync(await nurse.PutAsJsonAsync($"/api/residents/{resident}/measure-limits/pulse",
            new { limits = new[] { new { component = "value", targetLow = 90.0, targetHigh = 60.0 } } }), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Measurement>().CountAsync(m => m.ResidentId == new ResidentId(resident))));

        // Another unit's staff, and another person, do not reach the measurements.
        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"{path}?measure=pulse")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync(path, new { measure = "pulse", value = 60 })).StatusCode);
        var someoneElse = await app.ResidentClientAsync((await app.Data.ResidentAsync()).Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.PostAsJsonAsync(path, new { measure = "pulse", value = 60 })).StatusCode);
    }

    [Fact]
    public async Task A_CSV_import_is_all_or_nothing_and_gives_one_alert_per_measure_outside_the_limits()
    {
        var (nurse, person, _, resident) = await SetUpAsync();
        await nurse.PutAsJsonAsync($"/api/residents/{resident}/measure-limits/blood-pressure", BloodPressureLimits);
        var path = $"/api/residents/{resident}/measurements/import";
        static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

        var broken = await person.PostAsync(path, Csv("tid;mått;värde;enhet\n2026-06-10 08:00;blood-pressure;142/91;mm[Hg]\n2026-06-11 08:00;blood-pressure;400/20;mm[Hg]\n"));
        Assert.Equal("csv.line3", await ProblemFieldAsync(broken, HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Measurement>().CountAsync(m => m.ResidentId == new ResidentId(resident))));

        var lines = string.Join('\n', Enumerable.Range(1, 10).Select(d => $"2026-06-{d:00} 08:00;blood-pressure;{(d is 4 or 7 ? 152 : 128)}/{(d == 9 ? 112 : 82)};mm[Hg]"));
        var imported = await ReadAsync<ImportMeasurements.Response>(await person.PostAsync(path, Csv($"tid;mått;värde;enhet\n{lines}\n2026-06-10 09:00;weight;81,5;kg\n")));
        Assert.Equal(11, imported.Imported);
        Assert.Equal(10, imported.ByMeasure["blood-pressure"]);
        var alert = Assert.Single(imported.Alerts);
        Assert.Equal(AlertPriority.Hog, alert.Priority);
        Assert.Equal("Blodtryck 128/112 mm[Hg]: över larmgränsen 110 (undre (diastoliskt)) (3 värden utanför gränserna i filen)", alert.Reason);
        Assert.Equal(11, await app.Data.WithDbAsync(db => db.Set<Measurement>().CountAsync(m => m.ResidentId == new ResidentId(resident) && m.Source == MeasurementSource.Fil)));
    }
}

[Collection(SqliteTests.Name)]
public sealed class MonitoringApiTestsOnSqlite(SqliteApp app) : MonitoringApiTests(app);

[Collection(PostgresTests.Name)]
public sealed class MonitoringApiTestsOnPostgres(PostgresApp app) : MonitoringApiTests(app);
