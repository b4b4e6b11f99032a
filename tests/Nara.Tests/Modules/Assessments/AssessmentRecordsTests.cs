using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.Assessments.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Assessments;

/// <summary>
/// Instruments sent, answered and kept as care records, on both engines: a schedule of occasions, the answer scored and
/// kept with its band, the course over time; an answer at an alarming level raising a crisis task on the team's worklist
/// in the same transaction (before everything else), escalating to the head when nobody acknowledges it, acknowledged
/// with what was done; bad input named with nothing written; the access rules and the audit log.
/// </summary>
public abstract class AssessmentRecordsTests(NaraApp app)
{
    private sealed record Sent(Guid Id, string Instrument, int Occasion, int Occasions, DateTimeOffset OpensAt, DateTimeOffset DueAt, bool Overdue, Guid SeriesId);

    private sealed record Answered(Guid Id, string Instrument, DateTimeOffset AnsweredAt, int? Score, string? Band, bool Crisis);

    private sealed record CourseValues(int First, int Latest, int Change, bool? Response, bool? Remission);

    private sealed record CourseItem(string Instrument, List<JsonElement> Points, CourseValues? Course);

    private sealed record Alert(Guid Id, string Reason, DateTimeOffset RaisedAt, DateTimeOffset AcknowledgeBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, string? Action, DateTimeOffset? EscalatedAt);

    private sealed record Overview(List<Sent> Open, List<Sent> Coming, List<Answered> Responses, List<CourseItem> Courses, List<Alert> Alerts);

    private sealed record Result(Guid ResponseId, string Instrument, List<JsonElement> Scales, bool Crisis);

    private sealed record WorkItem(string Kind, string Title, Guid? ResidentId, string Urgency, string Href);

    private sealed record Worklist(List<WorkItem> Items);

    private static Dictionary<string, int> Phq9(params int[] points) =>
        points.Select((p, i) => (p, i)).ToDictionary(x => (x.i + 1).ToString(CultureInfo.InvariantCulture), x => x.p);

    private Task<int> EscalatedAsync(Guid resident) => app.Data.WithDbAsync(db =>
        db.Set<CrisisAlert>().CountAsync(a => a.ResidentId == new ResidentId(resident) && a.EscalatedAt != null));

    private async Task<(HttpClient Staff, HttpClient Person, Guid Resident, UnitId Unit)> SetUpAsync()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        return (await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value), await app.ResidentClientAsync(resident.Id.Value), resident.Id.Value, vc.Id);
    }

    [Fact]
    public async Task A_nurse_sends_PHQ9_every_two_weeks_and_the_answers_are_kept_scored_with_their_course()
    {
        var (staff, person, resident, _) = await SetUpAsync();
        var sent = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests",
            new { instrument = "phq-9", everyDays = 14, times = 3, dueDays = 5, message = "Fyll i före vårt samtal." }));
        Assert.Equal(3, sent.GetProperty("requests").GetArrayLength());

        var mine = await ReadAsync<Overview>(await person.GetAsync($"/api/residents/{resident}/assessments"));
        var open = Assert.Single(mine.Open);
        Assert.Equal(("phq-9", 1, 3), (open.Instrument, open.Occasion, open.Occasions));
        Assert.Equal(app.Now.AddDays(5), open.DueAt);
        Assert.Equal([app.Now.AddDays(14), app.Now.AddDays(28)], mine.Coming.Select(c => c.OpensAt));
        Assert.Empty(mine.Alerts);
        // The person is told, without the instrument's name; the later occasions are told on their day.
        var notices = await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Recipient == new ResidentId(resident) && m.Kind == "Formulär").ToListAsync());
        Assert.Equal(3, notices.Count);
        Assert.DoesNotContain(notices, n => n.Body.Contains("PHQ", StringComparison.Ordinal) || n.Subject.Contains("PHQ", StringComparison.Ordinal));

        // Total 15 (moderately severe): item 9 is 0, so no crisis.
        var first = await ReadAsync<Result>(await person.PostAsJsonAsync($"/api/instrument-requests/{open.Id}/response", new { answers = Phq9(2, 2, 2, 2, 2, 2, 2, 1, 0) }));
        Assert.False(first.Crisis);
        Assert.Equal(15, first.Scales[0].GetProperty("score").GetInt32());
        Assert.Equal("moderately-severe", first.Scales[0].GetProperty("band").GetString());
        Assert.Equal("Medelsvåra symtom", first.Scales[0].GetProperty("bandText").GetProperty("sv").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await person.PostAsJsonAsync($"/api/instrument-requests/{open.Id}/response", new { answers = Phq9(0, 0, 0, 0, 0, 0, 0, 0, 0) })).StatusCode);
        // An occasion not yet open cannot be answered.
        var later = mine.Coming[0].Id;
        Assert.Equal(HttpStatusCode.Conflict, (await person.PostAsJsonAsync($"/api/instrument-requests/{later}/response", new { answers = Phq9(0, 0, 0, 0, 0, 0, 0, 0, 0) })).StatusCode);

        // A later answer (its request opened by moving the data, not the clock): 7 is a fall of more than 50 % from 15.
        await app.Data.WithDbAsync(async db =>
        {
            var next = await db.Set<InstrumentRequest>().SingleAsync(r => r.Id == new Nara.Modules.Assessments.Contracts.InstrumentRequestId(later));
            db.Entry(next).Property(r => r.OpensAt).CurrentValue = app.Now.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        await ReadAsync<Result>(await person.PostAsJsonAsync($"/api/instrument-requests/{later}/response", new { answers = Phq9(1, 1, 1, 1, 1, 1, 1, 0, 0) }));

        var seen = await ReadAsync<Overview>(await staff.GetAsync($"/api/residents/{resident}/assessments"));
        Assert.Equal(2, seen.Responses.Count);
        Assert.Single(seen.Coming);
        var course = Assert.Single(seen.Courses);
        Assert.Equal(new CourseValues(15, 7, -8, true, false), course.Course);
        Assert.Equal(2, course.Points.Count);
        var audited = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ResidentId == new ResidentId(resident) && e.Resource == "Formulär" && e.Outcome == AuditOutcome.Allowed).Select(e => e.Action).ToListAsync());
        Assert.Equal(3, audited.Count(a => a == AuditAction.Write));
        Assert.True(audited.Count(a => a == AuditAction.Read) >= 2);

        // Stopping the schedule withdraws the last occasion and its notice.
        var stopped = await ReadAsync<JsonElement>(await staff.PostAsync($"/api/instrument-series/{open.SeriesId}/stop", null));
        Assert.Equal(1, stopped.GetProperty("withdrawn").GetInt32());
        Assert.Empty((await ReadAsync<Overview>(await person.GetAsync($"/api/residents/{resident}/assessments"))).Coming);
    }

    [Fact]
    public async Task Every_answer_with_PHQ9_item_9_above_0_puts_a_crisis_task_first_on_the_worklist_at_once_and_it_escalates_unless_acknowledged()
    {
        var (staff, person, resident, unit) = await SetUpAsync();
        var head = await app.Data.StaffAsync(unit, Profession.Lakare, StaffRole.Verksamhetschef);
        var chief = await app.StaffClientAsync(head.Id.Value, unit.Value);
        var rows = new[] { Phq9(0, 0, 0, 0, 0, 0, 0, 0, 1), Phq9(3, 3, 3, 3, 3, 3, 3, 3, 3), Phq9(1, 0, 2, 0, 1, 0, 0, 0, 2), Phq9(0, 1, 0, 1, 0, 1, 0, 1, 3) };
        var sent = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests", new { instrument = "phq-9", times = rows.Length, everyDays = 1 }));
        var ids = sent.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
        await app.Data.WithDbAsync(async db =>
        {
            await db.Set<InstrumentRequest>().Where(r => r.ResidentId == new ResidentId(resident))
                .ForEachAsync(r => db.Entry(r).Property(x => x.OpensAt).CurrentValue = app.Now.AddMinutes(-1));
            await db.SaveChangesAsync();
        });
        for (var i = 0; i < rows.Length; i++)
        {
            var result = await ReadAsync<Result>(await person.PostAsJsonAsync($"/api/instrument-requests/{ids[i]}/response", new { answers = rows[i] }));
            Assert.True(result.Crisis, $"answer {i + 1} raised no crisis");
        }

        // Nothing was dispatched (the outbox and push play no part): the tasks are on the worklist now, before everything else.
        var worklist = await ReadAsync<Worklist>(await staff.GetAsync("/api/worklist"));
        var crisis = worklist.Items.Where(i => i.Kind == "Kris").ToList();
        Assert.Equal(rows.Length, crisis.Count);
        Assert.All(worklist.Items.Take(rows.Length), i => Assert.Equal("Kris", i.Kind));
        Assert.All(crisis, i => Assert.Equal(("Kris", resident), (i.Urgency, i.ResidentId!.Value)));
        Assert.Contains("PHQ-9: fråga 9", crisis[0].Title, StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var escalate = scope.ServiceProvider.GetRequiredService<EscalateCrisisAlerts>();
            // The host is shared: other tests' alerts may escalate too, so this person's are counted.
            await escalate.RunAsync(app.Now.AddMinutes(14), CancellationToken.None);
            Assert.Equal(0, await EscalatedAsync(resident));
            await escalate.RunAsync(app.Now.AddMinutes(15), CancellationToken.None);
            Assert.Equal(rows.Length, await EscalatedAsync(resident));
        }
        var headsList = await ReadAsync<Worklist>(await chief.GetAsync("/api/worklist"));
        Assert.Equal(rows.Length, headsList.Items.Count(i => i.Kind == "Kris" && i.Title.Contains("eskalerat till verksamhetschef", StringComparison.Ordinal)));

        var alerts = await ReadAsync<List<ListCrisisAlerts.Item>>(await staff.GetAsync("/api/crisis-alerts"));
        Assert.Equal(rows.Length, alerts.Count);
        Assert.Equal("action", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/crisis-alerts/{alerts[0].Id}/acknowledge", new { action = " " }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/crisis-alerts/{alerts[0].Id}/acknowledge", new { action = "Ringt upp, bokat besök i dag kl. 14." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await chief.PostAsJsonAsync($"/api/crisis-alerts/{alerts[0].Id}/acknowledge", new { action = "Dubbelt" })).StatusCode);
        Assert.Equal(rows.Length - 1, (await ReadAsync<List<ListCrisisAlerts.Item>>(await staff.GetAsync("/api/crisis-alerts"))).Count);
        var seen = await ReadAsync<Overview>(await staff.GetAsync($"/api/residents/{resident}/assessments"));
        var handled = Assert.Single(seen.Alerts, a => a.AcknowledgedAt is not null);
        Assert.Equal("Ringt upp, bokat besök i dag kl. 14.", handled.Action);
        Assert.NotNull(handled.EscalatedAt);
        Assert.Empty((await ReadAsync<Overview>(await person.GetAsync($"/api/residents/{resident}/assessments"))).Alerts);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == new ResidentId(resident) && e.Resource == "Krislarm" && e.Reason == "Eskalerat krislarm kvitterat")));

        // Another unit's staff cannot acknowledge it, nor see it.
        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/crisis-alerts/{alerts[1].Id}/acknowledge", new { action = "x" })).StatusCode);
        Assert.Empty(await ReadAsync<List<ListCrisisAlerts.Item>>(await stranger.GetAsync("/api/crisis-alerts")));
    }

    [Fact]
    public async Task Every_MADRS_S_answer_at_the_alarming_levels_of_item_9_and_every_EPDS_answer_with_thoughts_of_self_harm_raise_a_crisis_task()
    {
        var (staff, person, resident, _) = await SetUpAsync();
        static Dictionary<string, int> Items(int count, int alarming, int points) =>
            Enumerable.Range(1, count).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), i => i == alarming ? points : 0);
        var cases = new (string Instrument, Dictionary<string, int> Answers, bool Crisis)[]
        {
            ("madrs-s", Items(9, 9, 3), false), ("madrs-s", Items(9, 9, 4), true), ("madrs-s", Items(9, 9, 5), true), ("madrs-s", Items(9, 9, 6), true),
            ("epds", Items(10, 10, 0), false), ("epds", Items(10, 10, 1), true), ("epds", Items(10, 10, 2), true), ("epds", Items(10, 10, 3), true),
        };
        foreach (var (instrument, answers, crisis) in cases)
        {
            var sent = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests", new { instrument }));
            var id = sent.GetProperty("requests")[0].GetProperty("id").GetGuid();
            var result = await ReadAsync<Result>(await person.PostAsJsonAsync($"/api/instrument-requests/{id}/response", new { answers }));
            Assert.True(crisis == result.Crisis, $"{instrument} item at {answers.Values.Max()}: crisis {result.Crisis}");
        }
        var tasks = (await ReadAsync<Worklist>(await staff.GetAsync("/api/worklist"))).Items.Where(i => i.Kind == "Kris" && i.ResidentId == resident).ToList();
        Assert.Equal(cases.Count(c => c.Crisis), tasks.Count);
        Assert.Contains(tasks, t => t.Title.StartsWith("MADRS-S: fråga 9", StringComparison.Ordinal));
        Assert.Contains(tasks, t => t.Title.StartsWith("EPDS: fråga 10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_units_outcomes_count_the_patients_followed_who_improved_responded_and_are_in_remission()
    {
        var vc = await app.Data.UnitAsync();
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        // PHQ-9 courses: 15 → 7 (response), 12 → 4 (response and remission), 8 → 14 (worse), and one with a single score.
        foreach (var (first, latest) in new[] { (15, 7), (12, 4), (8, 14), (10, -1) })
        {
            var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
            var person = await app.ResidentClientAsync(resident.Id.Value);
            var sent = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident.Id.Value}/instrument-requests", new { instrument = "phq-9", times = 2, everyDays = 14 }));
            var ids = sent.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();
            await app.Data.WithDbAsync(async db =>
            {
                await db.Set<InstrumentRequest>().Where(r => r.ResidentId == resident.Id).ForEachAsync(r => db.Entry(r).Property(x => x.OpensAt).CurrentValue = app.Now.AddMinutes(-1));
                await db.SaveChangesAsync();
            });
            await ReadAsync<Result>(await person.PostAsJsonAsync($"/api/instrument-requests/{ids[0]}/response", new { answers = Total(first) }));
            if (latest >= 0)
            {
                await ReadAsync<Result>(await person.PostAsJsonAsync($"/api/instrument-requests/{ids[1]}/response", new { answers = Total(latest) }));
            }
        }
        var outcomes = await ReadAsync<List<GetUnitOutcomes.InstrumentOutcome>>(await staff.GetAsync("/api/assessments/unit-outcomes"));
        var phq9 = Assert.Single(outcomes, o => o.Instrument == "phq-9");
        Assert.Equal((3, 2, 2, 1), (phq9.Followed, phq9.Improved, phq9.Responded, phq9.InRemission));
        Assert.Equal(0, Assert.Single(outcomes, o => o.Instrument == "gad-7").Followed);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.Resource == "Formulär, enhetens utfall" && e.Basis == AccessBasis.Aggregate)));

        // A total made of items 1–8 (item 9 stays 0: no crisis).
        static Dictionary<string, int> Total(int total) => Enumerable.Range(1, 9).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture),
            i => i == 9 ? 0 : Math.Min(3, Math.Max(0, total - (i - 1) * 3)));
    }

    [Fact]
    public async Task Bad_input_is_named_and_nothing_is_written_and_only_the_right_people_reach_the_records()
    {
        var (staff, person, resident, _) = await SetUpAsync();
        var path = $"/api/residents/{resident}/instrument-requests";
        Assert.Equal("instrument", await ProblemFieldAsync(await staff.PostAsJsonAsync(path, new { instrument = "finns-inte" }), HttpStatusCode.BadRequest));
        Assert.Equal("instrument", await ProblemFieldAsync(await staff.PostAsJsonAsync(path, new { instrument = "" }), HttpStatusCode.BadRequest));
        Assert.Equal("everyDays", await ProblemFieldAsync(await staff.PostAsJsonAsync(path, new { instrument = "phq-9", times = 2 }), HttpStatusCode.BadRequest));
        Assert.Equal("times", await ProblemFieldAsync(await staff.PostAsJsonAsync(path, new { instrument = "phq-9", times = 27, everyDays = 7 }), HttpStatusCode.BadRequest));
        Assert.Equal("dueDays", await ProblemFieldAsync(await staff.PostAsJsonAsync(path, new { instrument = "phq-9", dueDays = 0 }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await person.PostAsJsonAsync(path, new { instrument = "phq-9" })).StatusCode);

        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync(path, new { instrument = "phq-9" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/residents/{resident}/assessments")).StatusCode);

        var id = (await ReadAsync<JsonElement>(await staff.PostAsJsonAsync(path, new { instrument = "gad-7" }))).GetProperty("requests")[0].GetProperty("id").GetGuid();
        var answer = $"/api/instrument-requests/{id}/response";
        var skipped = await person.PostAsJsonAsync(answer, new { answers = new Dictionary<string, int> { ["1"] = 1, ["2"] = 1, ["3"] = 1, ["4"] = 1, ["5"] = 1, ["6"] = 1 } });
        Assert.Equal("answers.7", await ProblemFieldAsync(skipped, HttpStatusCode.BadRequest));
        var wrong = await person.PostAsJsonAsync(answer, new { answers = new Dictionary<string, int> { ["1"] = 1, ["2"] = 4, ["3"] = 1, ["4"] = 1, ["5"] = 1, ["6"] = 1, ["7"] = 1 } });
        Assert.Equal("answers.2", await ProblemFieldAsync(wrong, HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<InstrumentResponse>().CountAsync(r => r.ResidentId == new ResidentId(resident))));

        // Someone else's instrument is not there for another person; staff do not answer for the person.
        var someoneElse = await app.ResidentClientAsync((await app.Data.ResidentAsync()).Id.Value);
        var full = new { answers = Enumerable.Range(1, 7).ToDictionary(i => i.ToString(CultureInfo.InvariantCulture), _ => 0) };
        Assert.Equal(HttpStatusCode.NotFound, (await someoneElse.PostAsJsonAsync(answer, full)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync(answer, full)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await someoneElse.GetAsync($"/api/residents/{resident}/assessments")).StatusCode);
        var result = await ReadAsync<Result>(await person.PostAsJsonAsync(answer, full));
        Assert.Equal("minimal", result.Scales[0].GetProperty("band").GetString());
        Assert.False(result.Crisis);
    }
}

[Collection(SqliteTests.Name)]
public sealed class AssessmentRecordsTestsOnSqlite(SqliteApp app) : AssessmentRecordsTests(app);

[Collection(PostgresTests.Name)]
public sealed class AssessmentRecordsTestsOnPostgres(PostgresApp app) : AssessmentRecordsTests(app);
