using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Domain;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.MentalHealth.Features;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.MentalHealth;

/// <summary>
/// Stepped care and self-help over the API on both engines: a positive screen opens a care need with the first
/// assessment's clock on the worklist; the proposal follows the scores; a step against the proposal needs a reason; the
/// first decision stops the clock; no response after six weeks puts a step-up on the worklist. A programme is worked
/// through in order, the homework reaches the therapist in the conversation (crisis words raise a crisis alert), the
/// therapist's answer reaches the person; bad input is named with nothing written; the access rules and the audit log.
/// </summary>
public abstract class MentalHealthApiTests(NaraApp app)
{
    private sealed record WorkItem(string Kind, string Title, Guid? ResidentId, string Urgency, string Href);

    private sealed record Worklist(List<WorkItem> Items);

    private sealed record Proposal(string? Step, bool StepUp, List<string> Reasons, string? FollowUp);

    private sealed record Decision(DateTimeOffset At, string By, string? From, string Step, string? Proposed, string? Proposal, string? Note);

    private sealed record Episode(Guid Id, DateTimeOffset OpenedAt, string OpenedBy, string Reason, DateTimeOffset FirstAssessmentDue, DateTimeOffset? FirstAssessedAt,
        string Clock, string? Step, DateTimeOffset? ClosedAt, Proposal? Proposal, List<Decision> Decisions);

    private sealed record Care(List<JsonElement> Steps, string Status, List<Episode> Episodes);

    private sealed record Message(Guid Id, bool FromStaff, string Author, string Text);

    private sealed record Module(string Id, int Number, string State, string? Answer);

    private sealed record Enrolment(Guid Id, string Programme, string State, int Done, int Total, string? Next, List<Module> Modules, List<Message> Messages);

    private sealed record SelfHelp(List<JsonElement> Programmes, List<Enrolment> Enrolments);

    private async Task<(HttpClient Nurse, HttpClient Person, Guid Resident)> SetUpAsync()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        return (await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value), await app.ResidentClientAsync(resident.Id.Value), resident.Id.Value);
    }

    /// <summary>The nurse sends the instrument once and the person answers it with these points for items 1, 2, ….</summary>
    private static async Task AnswerAsync(HttpClient nurse, HttpClient person, Guid resident, string instrument, params int[] points)
    {
        var sent = await ReadAsync<JsonElement>(await nurse.PostAsJsonAsync($"/api/residents/{resident}/instrument-requests", new { instrument }));
        var id = sent.GetProperty("requests")[0].GetProperty("id").GetGuid();
        var answers = points.Select((p, i) => (p, i)).ToDictionary(x => (x.i + 1).ToString(CultureInfo.InvariantCulture), x => x.p);
        await ReadAsync<JsonElement>(await person.PostAsJsonAsync($"/api/instrument-requests/{id}/response", new { answers }));
    }

    [Fact]
    public async Task A_positive_screen_opens_a_care_need_whose_first_assessment_is_clocked_and_the_step_follows_the_scores()
    {
        var (nurse, person, resident) = await SetUpAsync();
        var path = $"/api/residents/{resident}/stepped-care";
        await AnswerAsync(nurse, person, resident, "phq-2", 1, 1);
        Assert.Empty((await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes);

        await AnswerAsync(nurse, person, resident, "phq-2", 2, 2);
        var open = Assert.Single((await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes);
        Assert.Equal(("Screening", "PHQ-2: 4 poäng", "Pagar", app.Now.AddDays(3)), (open.OpenedBy, open.Reason, open.Clock, open.FirstAssessmentDue));
        Assert.Equal(("phq-9", (string?)null), (open.Proposal!.FollowUp, open.Proposal.Step));
        var task = Assert.Single((await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"))).Items, i => i.Kind == "Bedomning" && i.ResidentId == resident);
        Assert.Equal(("Första bedömning: PHQ-2: 4 poäng", $"/min-arbetsdag/patient/{resident}/psykisk-halsa#h-stepped"), (task.Title, task.Href));
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsJsonAsync(path, new { reason = "Igen" })).StatusCode);

        // PHQ-9 at 12 (moderate): guided internet CBT is proposed; another step needs a reason.
        await AnswerAsync(nurse, person, resident, "phq-9", 2, 2, 2, 2, 1, 1, 1, 1, 0);
        open = (await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes[0];
        Assert.Equal("guidad-ikbt", open.Proposal!.Step);
        var decide = $"/api/stepped-care/{open.Id}/decisions";
        Assert.Equal("step", await ProblemFieldAsync(await nurse.PostAsJsonAsync(decide, new { step = "trappa" }), HttpStatusCode.BadRequest));
        Assert.Equal("note", await ProblemFieldAsync(await nurse.PostAsJsonAsync(decide, new { step = "psykolog" }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await person.PostAsJsonAsync(decide, new { step = "guidad-ikbt" })).StatusCode);
        Assert.Null((await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes[0].Step);

        var decided = await ReadAsync<DecideStep.Response>(await nurse.PostAsJsonAsync(decide, new { step = "guidad-ikbt" }));
        Assert.Equal(("guidad-ikbt", "guidad-ikbt", true), (decided.Step, decided.Proposed, decided.FirstAssessment));
        open = (await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes[0];
        Assert.Equal(("Klar", "guidad-ikbt"), (open.Clock, open.Step));
        Assert.StartsWith("PHQ-9 12 poäng", Assert.Single(open.Decisions).Proposal, StringComparison.Ordinal);
        Assert.DoesNotContain((await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"))).Items, i => i.Kind == "Bedomning" && i.ResidentId == resident);

        // Six weeks later with PHQ-9 at 10 (a fall of 17 %): the next step up is proposed and on the worklist.
        var episodeId = new Nara.Modules.MentalHealth.Contracts.CareEpisodeId(open.Id);
        await app.Data.WithDbAsync(async db =>
        {
            var e = await db.Set<CareEpisode>().SingleAsync(x => x.Id == episodeId);
            e.StepSince = app.Now.AddDays(-43);
            foreach (var r in await db.Set<InstrumentResponse>().Where(r => r.ResidentId == new ResidentId(resident)).ToListAsync())
            {
                db.Entry(r).Property(x => x.AnsweredAt).CurrentValue = app.Now.AddDays(-44);
            }
            return await db.SaveChangesAsync();
        });
        await AnswerAsync(nurse, person, resident, "phq-9", 2, 2, 1, 1, 1, 1, 1, 1, 0);
        open = (await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes[0];
        Assert.Equal(("psykolog", true), (open.Proposal!.Step, open.Proposal.StepUp));
        Assert.Single((await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"))).Items, i => i.Kind == "Stegvis" && i.ResidentId == resident);

        // The person sees their own; staff elsewhere do not; closing needs a reason.
        Assert.Equal("psykolog", (await ReadAsync<Care>(await person.GetAsync(path))).Episodes[0].Proposal!.Step);
        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(path)).StatusCode);
        Assert.Equal("note", await ProblemFieldAsync(await nurse.PostAsJsonAsync($"/api/stepped-care/{open.Id}/close", new { note = " " }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await nurse.PostAsJsonAsync($"/api/stepped-care/{open.Id}/close", new { note = "Remitterad vidare, avslutas här." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsJsonAsync(decide, new { step = "psykolog" })).StatusCode);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == new ResidentId(resident) && e.Resource == "Stegvis vård" && e.Reason == "Vårdbehov avslutat")));
    }

    [Fact]
    public async Task Staff_open_a_care_need_without_a_score_and_closing_before_a_step_is_the_first_assessment()
    {
        var (nurse, _, resident) = await SetUpAsync();
        var path = $"/api/residents/{resident}/stepped-care";
        Assert.Equal("reason", await ProblemFieldAsync(await nurse.PostAsJsonAsync(path, new { reason = new string('x', 401) }), HttpStatusCode.BadRequest));
        var opened = await ReadAsync<OpenCareEpisode.Response>(await nurse.PostAsJsonAsync(path, new { reason = "Nedstämd sedan hösten" }));
        Assert.Equal(app.Now.AddDays(3), opened.FirstAssessmentDue);
        var episode = Assert.Single((await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes);
        Assert.Equal(((string?)null, 0), (episode.Proposal!.Step, episode.Proposal.Reasons.Count));
        Assert.Equal(HttpStatusCode.NoContent, (await nurse.PostAsJsonAsync($"/api/stepped-care/{opened.Id}/close", new { note = "Inget behov av behandling." })).StatusCode);
        Assert.Equal("Klar", (await ReadAsync<Care>(await nurse.GetAsync(path))).Episodes[0].Clock);
    }

    [Fact]
    public async Task The_unit_sees_how_fast_first_assessments_are_made_and_its_open_needs_by_step()
    {
        var vc = await app.Data.UnitAsync();
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        var first = (await app.Data.ResidentAsync(listedAt: vc.Id)).Id.Value;
        var second = (await app.Data.ResidentAsync(listedAt: vc.Id)).Id.Value;
        var assessed = await ReadAsync<OpenCareEpisode.Response>(await nurse.PostAsJsonAsync($"/api/residents/{first}/stepped-care", new { reason = "Oro" }));
        await ReadAsync<DecideStep.Response>(await nurse.PostAsJsonAsync($"/api/stepped-care/{assessed.Id}/decisions", new { step = "sjalvhjalp" }));
        var waiting = await ReadAsync<OpenCareEpisode.Response>(await nurse.PostAsJsonAsync($"/api/residents/{second}/stepped-care", new { reason = "Nedstämdhet" }));
        var waitingId = new Nara.Modules.MentalHealth.Contracts.CareEpisodeId(waiting.Id);
        await app.Data.WithDbAsync(async db =>
        {
            var e = await db.Set<CareEpisode>().SingleAsync(x => x.Id == waitingId);
            db.Entry(e).Property(x => x.FirstAssessmentDue).CurrentValue = app.Now.AddHours(-1);
            return await db.SaveChangesAsync();
        });

        var unit = await ReadAsync<GetSteppedCareUnit.UnitView>(await nurse.GetAsync("/api/stepped-care/unit?weeks=4"));
        Assert.Equal((2, 1, 1, (int?)100, (double?)0.0, 2), (unit.Opened, unit.Assessed, unit.InTime, unit.InTimePercent, unit.MedianDays, unit.OpenTotal));
        Assert.Equal(4, unit.ByWeek.Count);
        Assert.Equal((2, 1, 0, 1, 1), (unit.ByWeek[^1].Opened, unit.ByWeek[^1].InTime, unit.ByWeek[^1].Late, unit.ByWeek[^1].Waiting, unit.ByWeek[^1].WaitingLate));
        Assert.Equal((1, 1), (unit.ByStep[""], unit.ByStep["sjalvhjalp"]));
        Assert.Equal((second, "Forsenad"), (unit.Open[0].ResidentId, unit.Open[0].Clock));
        Assert.Equal("weeks", await ProblemFieldAsync(await nurse.GetAsync("/api/stepped-care/unit?weeks=0"), HttpStatusCode.BadRequest));
        var person = await app.ResidentClientAsync(first);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/api/stepped-care/unit")).StatusCode);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == new ResidentId(second) && e.Resource == "Stegvis vård" && e.Reason == "Enhetens vårdbehov i stegvis vård")));
    }

    [Fact]
    public async Task A_person_works_through_a_programme_in_order_and_the_therapist_answers_the_homework()
    {
        var (nurse, person, resident) = await SetUpAsync();
        var path = $"/api/residents/{resident}/self-help";
        Assert.Equal("programme", await ProblemFieldAsync(await nurse.PostAsJsonAsync(path, new { programme = "finns-inte" }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await person.PostAsJsonAsync(path, new { programme = "somn" })).StatusCode);
        var started = await ReadAsync<StartSelfHelp.Response>(await nurse.PostAsJsonAsync(path, new { programme = "somn", message = "Hej! Jag är din behandlare." }));
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsJsonAsync(path, new { programme = "somn" })).StatusCode);

        var mine = Assert.Single((await ReadAsync<SelfHelp>(await person.GetAsync(path))).Enrolments);
        Assert.Equal(("Pagar", 0, 6), (mine.State, mine.Done, mine.Total));
        Assert.Equal(["Nasta", "Vantar", "Vantar", "Vantar", "Vantar", "Vantar"], mine.Modules.Select(m => m.State));
        Assert.Equal("Hej! Jag är din behandlare.", Assert.Single(mine.Messages).Text);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == new ResidentId(resident) && m.Reference == $"self-help:{started.Id}")));

        var modules = $"/api/self-help/{started.Id}/modules";
        Assert.Equal(HttpStatusCode.Conflict, (await person.PostAsJsonAsync($"{modules}/{mine.Modules[1].Id}", new { homework = "Hoppar fram" })).StatusCode);
        Assert.Equal("homework", await ProblemFieldAsync(await person.PostAsJsonAsync($"{modules}/{mine.Next}", new { homework = "  " }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PostAsJsonAsync($"{modules}/{mine.Next}", new { homework = "Personalen" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await person.PostAsJsonAsync($"{modules}/finns-inte", new { homework = "x" })).StatusCode);

        var done = await ReadAsync<CompleteSelfHelpModule.Response>(await person.PostAsJsonAsync($"{modules}/{mine.Next}", new { homework = "Jag somnade runt midnatt de flesta kvällar." }));
        Assert.Equal((mine.Modules[1].Id, false, false), (done.Next, done.ProgrammeDone, done.Crisis));
        Assert.Equal(HttpStatusCode.Conflict, (await person.PostAsJsonAsync($"{modules}/{mine.Modules[0].Id}", new { homework = "Igen" })).StatusCode);

        // The homework waits for the therapist on the unit's worklist until answered.
        var waiting = Assert.Single((await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"))).Items, i => i.Kind == "Sjalvhjalp" && i.ResidentId == resident);
        Assert.StartsWith("Väntar på svar: Sömnbesvär", waiting.Title, StringComparison.Ordinal);
        Assert.Equal($"/min-arbetsdag/patient/{resident}/psykisk-halsa#h-selfhelp", waiting.Href);

        // The therapist sees the homework in the conversation and answers; the person sees it and is told.
        var theirs = Assert.Single((await ReadAsync<SelfHelp>(await nurse.GetAsync(path))).Enrolments);
        Assert.Equal("Jag somnade runt midnatt de flesta kvällar.", theirs.Modules[0].Answer);
        Assert.EndsWith("Jag somnade runt midnatt de flesta kvällar.", theirs.Messages[^1].Text, StringComparison.Ordinal);
        Assert.False(theirs.Messages[^1].FromStaff);
        var feedback = $"/api/self-help/{started.Id}/messages";
        Assert.Equal("text", await ProblemFieldAsync(await nurse.PostAsJsonAsync(feedback, new { text = "" }), HttpStatusCode.BadRequest));
        await ReadAsync<JsonElement>(await nurse.PostAsJsonAsync(feedback, new { text = "Bra! Fortsätt med sömndagboken." }));
        Assert.Equal("Bra! Fortsätt med sömndagboken.", (await ReadAsync<SelfHelp>(await person.GetAsync(path))).Enrolments[0].Messages[^1].Text);
        Assert.DoesNotContain((await ReadAsync<Worklist>(await nurse.GetAsync("/api/worklist"))).Items, i => i.Kind == "Sjalvhjalp" && i.ResidentId == resident);
        Assert.Equal(2, await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.Recipient == new ResidentId(resident) && m.Kind == NotifySelfHelpMessage.Kind)));

        // Crisis words in the homework raise a crisis alert for the unit in the same transaction.
        var crisis = await ReadAsync<CompleteSelfHelpModule.Response>(await person.PostAsJsonAsync($"{modules}/{done.Next}", new { homework = "Jag vill inte leva längre." }));
        Assert.True(crisis.Crisis);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<CrisisAlert>().AnyAsync(a => a.ResidentId == new ResidentId(resident) && a.Source == CrisisSource.Meddelande)));

        // Another person does not reach it; ending stops the homework.
        var stranger = await app.ResidentClientAsync((await app.Data.ResidentAsync()).Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"{modules}/{crisis.Next}", new { homework = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await nurse.PostAsync($"/api/self-help/{started.Id}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await person.PostAsJsonAsync($"{modules}/{crisis.Next}", new { homework = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await nurse.PostAsJsonAsync(feedback, new { text = "Efteråt" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync(feedback, new { text = "Främling" })).StatusCode);
        Assert.Equal("Avslutad", (await ReadAsync<SelfHelp>(await person.GetAsync(path))).Enrolments[0].State);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == new ResidentId(resident) && e.Resource == "Självhjälp" && e.Reason == "Självhjälpsprogram avslutat")));
    }
}

[Collection(SqliteTests.Name)]
public sealed class MentalHealthApiTestsOnSqlite(SqliteApp app) : MentalHealthApiTests(app);

[Collection(PostgresTests.Name)]
public sealed class MentalHealthApiTestsOnPostgres(PostgresApp app) : MentalHealthApiTests(app);
