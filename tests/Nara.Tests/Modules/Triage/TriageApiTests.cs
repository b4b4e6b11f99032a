using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Triage;

/// <summary>En väg in through the HTTP API: the resident's flow, bad input, sending a case, and the clinic inbox.</summary>
public abstract class TriageApiTests(NaraApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record Question(string Id, string Type, string Text);
    private sealed record Result(string Urgency, string CareLevel, string Channel, string Reason, List<JsonElement> Deciding, List<string> Advice);
    private sealed record View(Guid Id, string ComplaintId, string Status, Question? Question, int Answered, int Remaining, Result? Result, List<JsonElement> Answers, Guid? CaseId, bool CanSend);
    private sealed record Sent(Guid CaseId, Guid UnitId);

    private static async Task<View> Read(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<View>(body, Json)!;
    }

    private static async Task<JsonElement> ReadJson(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    private static Task<HttpResponseMessage> Answer(HttpClient client, Guid id, string questionId, string value) =>
        client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId, value });

    private async Task<(Guid Unit, Resident Resident, HttpClient Client)> ListedResidentAsync(DateOnly? birth = null)
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, birth ?? new DateOnly(1970, 5, 5));
        return (unit.Id.Value, resident, await app.ResidentClientAsync(resident.Id.Value));
    }

    // Chest pain without red flags, started a few days ago, worse on movement: VardInomDagar.
    private static async Task<View> AnswerChestPainAsync(HttpClient client, Guid id)
    {
        View view = default!;
        foreach (var (q, v) in new[] { ("kallsvett", "nej"), ("tryckande_15min", "nej"), ("andnod", "nej"), ("svimning", "nej"), ("utstralning", "nej"), ("anstrangning", "nej"), ("kand_hjartsjukdom", "nej"), ("debut", "dagar"), ("rorelse", "ja"), ("muskel", "nej") })
        {
            view = await Read(await Answer(client, id, q, v));
        }
        return view;
    }

    [Fact]
    public async Task A_resident_with_chest_pain_and_cold_sweat_is_told_to_call_112_and_the_reads_and_writes_are_audited()
    {
        var (_, resident, client) = await ListedResidentAsync();
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta", text = "tryck över bröstet" }), HttpStatusCode.Created);
        Assert.Equal("kallsvett", start.Question!.Id);
        Assert.Equal(0, start.Answered);

        var done = await Read(await Answer(client, start.Id, "kallsvett", "ja"));

        Assert.Equal("Klar", done.Status);
        Assert.Equal("Ring112", done.Result!.Urgency);
        Assert.Contains("hjärtinfarkt", done.Result.Reason, StringComparison.Ordinal);
        Assert.Single(done.Result.Deciding);
        Assert.False(done.CanSend);
        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident.Id && e.Resource == "Symtombedömning").ToListAsync());
        Assert.True(audit.Count >= 2);
        Assert.All(audit, e => Assert.Equal(AccessBasis.Self, e.Basis));
    }

    [Fact]
    public async Task Dont_know_on_a_red_flag_counts_as_yes()
    {
        var (_, _, client) = await ListedResidentAsync();
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        var done = await Read(await Answer(client, start.Id, "kallsvett", "vet_inte"));
        Assert.Equal("Ring112", done.Result!.Urgency);
    }

    [Fact]
    public async Task Emergency_words_in_the_text_give_the_112_advice_without_questions()
    {
        var (_, _, client) = await ListedResidentAsync();
        var search = await client.GetFromJsonAsync<JsonElement>("/api/triage/complaints?q=" + Uri.EscapeDataString("min mamma är medvetslös"));
        Assert.True(search.GetProperty("emergency").GetBoolean());

        var view = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { text = "min mamma är medvetslös" }), HttpStatusCode.Created);

        Assert.Null(view.Question);
        Assert.Equal("Ring112", view.Result!.Urgency);
    }

    [Fact]
    public async Task Going_back_and_changing_an_answer_recomputes_the_result()
    {
        var (_, _, client) = await ListedResidentAsync();
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        var done = await AnswerChestPainAsync(client, start.Id);
        Assert.Equal("VardInomDagar", done.Result!.Urgency);

        var back = await Read(await client.PostAsync($"/api/triage/assessments/{start.Id}/back", null));
        Assert.Equal("muskel", back.Question!.Id);
        Assert.Equal("Pagaende", back.Status);

        // Changing the first answer drops the ones after it.
        var changed = await Read(await Answer(client, start.Id, "kallsvett", "ja"));
        Assert.Equal("Ring112", changed.Result!.Urgency);
        Assert.Single(changed.Answers);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_problem_naming_the_field_and_nothing_is_written()
    {
        var (_, resident, client) = await ListedResidentAsync();
        var unknown = await Problem(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "finns-inte" }), HttpStatusCode.NotFound);
        Assert.Equal("complaintId", unknown.GetProperty("field").GetString());
        var missing = await Problem(await client.PostAsJsonAsync("/api/triage/assessments", new { }), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("complaintId", out _));
        var infant = await Problem(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "feber-spadbarn" }), HttpStatusCode.BadRequest);
        Assert.Contains("åldern", infant.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Assessment>().CountAsync(a => a.SubjectId == resident.Id)));

        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        var notAsked = await Problem(await Answer(client, start.Id, "rorelse", "ja"), HttpStatusCode.BadRequest);
        Assert.True(notAsked.GetProperty("errors").TryGetProperty("questionId", out _));
        var badValue = await Problem(await Answer(client, start.Id, "kallsvett", "kanske"), HttpStatusCode.BadRequest);
        Assert.True(badValue.GetProperty("errors").TryGetProperty("value", out _));
        var stored = await app.Data.WithDbAsync(db => db.Set<Assessment>().SingleAsync(a => a.Id == new AssessmentId(start.Id)));
        Assert.Equal("[]", stored.AnswersJson);
        await Problem(await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_temperature_of_90_degrees_is_refused_with_the_allowed_range()
    {
        var unit = await app.Data.UnitAsync();
        var parent = await app.Data.ResidentAsync(unit.Id, new DateOnly(1990, 1, 1));
        var today = DateOnly.FromDateTime(app.Now.UtcDateTime);
        var baby = await app.Data.ResidentAsync(unit.Id, today.AddDays(-40));
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new GuardianRelation { GuardianId = parent.Id, ChildId = baby.Id });
            await db.SaveChangesAsync();
        });
        var client = await app.ResidentClientAsync(parent.Id.Value);
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { residentId = baby.Id.Value, complaintId = "feber-spadbarn" }), HttpStatusCode.Created);
        foreach (var flag in new[] { "slapp", "andning", "utslag" })
        {
            await Read(await Answer(client, start.Id, flag, "nej"));
        }

        var problem = await Problem(await Answer(client, start.Id, "temperatur", "90"), HttpStatusCode.BadRequest);

        Assert.Contains("mellan 34", problem.GetProperty("errors").GetProperty("value")[0].GetString(), StringComparison.Ordinal);
        var done = await Read(await Answer(client, start.Id, "temperatur", "38,5"));
        Assert.Equal("AkutNu", done.Result!.Urgency);
    }

    [Fact]
    public async Task An_expired_session_is_gone()
    {
        var (_, _, client) = await ListedResidentAsync();
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        await app.Data.WithDbAsync(async db =>
        {
            var a = await db.Set<Assessment>().SingleAsync(x => x.Id == new AssessmentId(start.Id));
            a.ExpiresAt = app.Now.AddMinutes(-1);
            await db.SaveChangesAsync();
        });

        var problem = await Problem(await Answer(client, start.Id, "kallsvett", "nej"), HttpStatusCode.Gone);
        Assert.Contains("gått ut", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_resident_cannot_read_or_answer_an_assessment()
    {
        var (_, _, client) = await ListedResidentAsync();
        var (_, _, stranger) = await ListedResidentAsync();
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);

        await Problem(await stranger.GetAsync($"/api/triage/assessments/{start.Id}"), HttpStatusCode.Forbidden);
        await Problem(await Answer(stranger, start.Id, "kallsvett", "nej"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Crisis_words_in_the_persons_text_of_a_sent_case_put_a_crisis_task_first_on_the_units_worklist()
    {
        var (unit, _, client) = await ListedResidentAsync();
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(new UnitId(unit))).Id.Value, unit);
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        await AnswerChestPainAsync(client, start.Id);
        var sent = (await (await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { message = "Orkar inte mer. Jag vill inte leva längre." })).Content.ReadFromJsonAsync<Sent>(Json))!;

        var worklist = await staff.GetFromJsonAsync<JsonElement>("/api/worklist");
        var first = worklist.GetProperty("items")[0];
        Assert.Equal(("Kris", "Kris"), (first.GetProperty("kind").GetString(), first.GetProperty("urgency").GetString()));
        Assert.Equal("Ärende med ord om självmord eller självskada", first.GetProperty("title").GetString());
        Assert.True(await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Assessments.Domain.CrisisAlert>().AnyAsync(a => a.SourceId == sent.CaseId)));
    }

    [Fact]
    public async Task A_sent_case_reaches_the_listing_unit_carrying_the_answers_and_the_nurse_handles_it()
    {
        var (unit, resident, client) = await ListedResidentAsync();
        var nurse = await app.Data.StaffAsync(new UnitId(unit));
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit);
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        await AnswerChestPainAsync(client, start.Id);

        var sendResponse = await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { message = "Det började när jag bar flyttkartonger." });
        Assert.Equal(HttpStatusCode.Created, sendResponse.StatusCode);
        var sent = (await sendResponse.Content.ReadFromJsonAsync<Sent>(Json))!;
        Assert.Equal(unit, sent.UnitId);
        await Problem(await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { }), HttpStatusCode.Conflict);

        var inbox = await staff.GetFromJsonAsync<JsonElement>("/api/triage/cases");
        var item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == sent.CaseId);
        Assert.Equal("VardInomDagar", item.GetProperty("urgency").GetString());

        var detail = await staff.GetFromJsonAsync<JsonElement>($"/api/triage/cases/{sent.CaseId}");
        Assert.Equal("Det började när jag bar flyttkartonger.", detail.GetProperty("residentMessage").GetString());
        var answers = detail.GetProperty("summary").GetProperty("answers").EnumerateArray().ToList();
        Assert.Equal(10, answers.Count);
        Assert.Contains(answers, a => a.GetProperty("questionId").GetString() == "debut" && a.GetProperty("answer").GetString() == "För några dagar sedan");

        (await staff.PostAsync($"/api/triage/cases/{sent.CaseId}/take", null)).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/triage/cases/{sent.CaseId}/messages", new { text = "Vi ringer dig i eftermiddag." })).EnsureSuccessStatusCode();
        var badClose = await Problem(await staff.PostAsJsonAsync($"/api/triage/cases/{sent.CaseId}/close", new { note = "x" }), HttpStatusCode.BadRequest);
        Assert.True(badClose.GetProperty("errors").TryGetProperty("urgency", out _));
        var closed = await staff.PostAsJsonAsync($"/api/triage/cases/{sent.CaseId}/close", new { urgency = "VardIdag", note = "Muskulärt." });
        closed.EnsureSuccessStatusCode();

        var stored = await app.Data.WithDbAsync(db => db.Set<TriageCase>().SingleAsync(c => c.Id == new TriageCaseId(sent.CaseId)));
        Assert.Equal(CaseStatus.Stangd, stored.Status);
        Assert.NotNull(stored.FirstContactAt);
        Assert.Equal(Nara.Modules.Triage.Contracts.Urgency.VardIdag, stored.ClinicianUrgency);
        var agreement = await staff.GetFromJsonAsync<JsonElement>("/api/triage/agreement");
        var row = agreement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("complaintId").GetString() == "brostsmarta");
        Assert.Equal(1, row.GetProperty("closed").GetInt32());
        Assert.Equal(1, row.GetProperty("engineLower").GetInt32());

        var mine = await client.GetFromJsonAsync<JsonElement>("/api/triage/my-cases");
        var myCase = mine.EnumerateArray().Single();
        Assert.Equal("Stangd", myCase.GetProperty("status").GetString());
        Assert.Contains(myCase.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "Vi ringer dig i eftermiddag.");

        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().Where(e => e.ResidentId == resident.Id && e.ActorId == nurse.Id.Value).ToListAsync());
        Assert.Contains(audit, e => e.Resource == "Ärende (En väg in)" && e.Action == AuditAction.Read);
        Assert.Contains(audit, e => e.Resource == "Ärende (En väg in)" && e.Action == AuditAction.Write);
        Assert.Contains(audit, e => e.Resource == "Inkorg (En väg in)" && e.Action == AuditAction.Search);
    }

    [Fact]
    public async Task The_inbox_puts_the_most_urgent_first_and_then_the_longest_waiting()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        var cases = new List<Guid>();
        foreach (var debut in new[] { "dagar", "idag", "dagar" })
        {
            // The cases are sent a minute apart: the clock stands still otherwise, and the order would be a tie.
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1980, 3, 3));
            var client = await app.ResidentClientAsync(resident.Id.Value);
            var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
            foreach (var (q, v) in new[] { ("kallsvett", "nej"), ("tryckande_15min", "nej"), ("andnod", "nej"), ("svimning", "nej"), ("utstralning", "nej"), ("anstrangning", "nej"), ("kand_hjartsjukdom", "nej"), ("debut", debut), ("rorelse", "ja"), ("muskel", "nej") })
            {
                var r = await Answer(client, start.Id, q, v);
                if ((await Read(r)).Status == "Klar")
                {
                    break;
                }
            }
            var sent = await (await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { })).Content.ReadFromJsonAsync<Sent>(Json);
            cases.Add(sent!.CaseId);
        }

        var inbox = await staff.GetFromJsonAsync<JsonElement>("/api/triage/cases?pageSize=10");
        var order = inbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([cases[1], cases[0], cases[2]], order);
        Assert.Equal(3, inbox.GetProperty("openCount").GetInt32());
        await Problem(await staff.GetAsync("/api/triage/cases?status=nya"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Staff_at_another_unit_cannot_open_the_case()
    {
        var (unit, _, client) = await ListedResidentAsync();
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        await AnswerChestPainAsync(client, start.Id);
        var sent = await (await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { })).Content.ReadFromJsonAsync<Sent>(Json);
        var other = await app.Data.UnitAsync();
        var outsider = await app.Data.StaffAsync(other.Id);
        var staff = await app.StaffClientAsync(outsider.Id.Value, other.Id.Value);

        await Problem(await staff.GetAsync($"/api/triage/cases/{sent!.CaseId}"), HttpStatusCode.Forbidden);
        await Problem(await staff.GetAsync($"/api/triage/assessments/{start.Id}"), HttpStatusCode.Forbidden);
        Assert.NotEqual(unit, other.Id.Value);
    }

    [Fact]
    public async Task A_resident_who_is_not_listed_is_told_so_when_sending()
    {
        var resident = await app.Data.ResidentAsync(null, new DateOnly(1975, 1, 1));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var start = await Read(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        await AnswerChestPainAsync(client, start.Id);

        var problem = await Problem(await client.PostAsJsonAsync($"/api/triage/assessments/{start.Id}/send", new { }), HttpStatusCode.Conflict);

        Assert.Contains("inte listad", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<TriageCase>().CountAsync(c => c.ResidentId == resident.Id)));
    }

    [Fact]
    public async Task Staff_cannot_start_an_assessment_and_someone_not_signed_in_gives_age_and_sex()
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        var response = await staff.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/triage/complaints?q=hosta&age=40&sex=man")).StatusCode);
        var problem = await Problem(await anonymous.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "hosta" }), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("age", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("sex", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "hosta", @for = "child" })).StatusCode);
    }

    [Fact]
    public async Task An_assessment_made_without_signing_in_is_reached_only_with_its_key_and_becomes_the_residents_own_when_sent()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1980, 3, 3));
        var anonymous = app.AnonymousClient();
        var start = await ReadJson(await anonymous.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta", age = 46, sex = "kvinna" }), HttpStatusCode.Created);
        var key = start.GetProperty("key").GetString()!;
        var startId = start.GetProperty("id").GetGuid();
        Assert.Equal(JsonValueKind.Null, start.GetProperty("subjectId").ValueKind);

        // Without the key, or with another, nobody can tell it exists: not someone else signed in, not staff.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/triage/assessments/{startId}")).StatusCode);
        var other = await app.ResidentClientAsync((await app.Data.ResidentAsync(unit.Id)).Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/triage/assessments/{startId}")).StatusCode);
        var wrong = new HttpRequestMessage(HttpMethod.Get, $"/api/triage/assessments/{startId}");
        wrong.Headers.Add("X-Assessment-Key", "fel-nyckel");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(wrong)).StatusCode);

        anonymous.DefaultRequestHeaders.Add("X-Assessment-Key", key);
        await AnswerChestPainAsync(anonymous, startId);
        Assert.Equal("Klar", (await ReadJson(await anonymous.GetAsync($"/api/triage/assessments/{startId}"), HttpStatusCode.OK)).GetProperty("status").GetString());
        Assert.True((await ReadJson(await anonymous.GetAsync($"/api/triage/assessments/{startId}"), HttpStatusCode.OK)).GetProperty("signInToSend").GetBoolean());

        // Sending needs signing in; then the assessment becomes the resident's, with their age from the register.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/triage/assessments/{startId}/send", new { })).StatusCode);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        client.DefaultRequestHeaders.Add("X-Assessment-Key", key);
        var sent = await ReadJson(await client.PostAsJsonAsync($"/api/triage/assessments/{startId}/send", new { }), HttpStatusCode.Created);
        var stored = await app.Data.WithDbAsync(db => db.Set<Assessment>().SingleAsync(a => a.Id == new AssessmentId(startId)));
        Assert.Equal(resident.Id, stored.SubjectId);
        Assert.Null(stored.KeyHash);
        Assert.Equal(1, await app.Data.WithDbAsync(db => db.Set<TriageCase>().CountAsync(c => c.ResidentId == resident.Id && c.Id == new TriageCaseId(sent.GetProperty("caseId").GetGuid()))));
        // The key no longer reaches it; the resident does.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/triage/assessments/{startId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/triage/assessments/{startId}")).StatusCode);
    }

    [Fact]
    public async Task A_relative_assesses_an_adult_anonymously_the_questions_speak_of_the_person_and_nothing_is_sent_or_opened()
    {
        var unit = await app.Data.UnitAsync();
        var relative = await app.Data.ResidentAsync(unit.Id, new DateOnly(1960, 1, 1));
        var client = await app.ResidentClientAsync(relative.Id.Value);
        var start = await ReadJson(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "hosta", @for = "other", age = 84, sex = "man" }), HttpStatusCode.Created);
        Assert.Equal("Other", start.GetProperty("for").GetString());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("subjectId").ValueKind);
        var text = start.GetProperty("question").GetProperty("text").GetString()!;
        Assert.Contains("personen", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(du|dig|din)\b", text);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "hosta", @for = "other", residentId = relative.Id.Value, age = 84, sex = "man" })).StatusCode);

        var id = start.GetProperty("id").GetGuid();
        var view = start;
        for (var i = 0; i < 30 && view.GetProperty("question").ValueKind == JsonValueKind.Object; i++)
        {
            var q = view.GetProperty("question").GetProperty("id").GetString()!;
            var value = q switch { "feber" or "slem" => "ja", "feberdagar" => "2", "varaktighet" => "3 dagar", _ => "nej" };
            view = await ReadJson(await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q, value }), HttpStatusCode.OK);
        }
        // An 84-year-old with fever and phlegm: assessed today, and the reason names what was answered and the age.
        Assert.Equal("VardIdag", view.GetProperty("result").GetProperty("urgency").GetString());
        Assert.Contains("80 år eller äldre", view.GetProperty("result").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(view.GetProperty("canSend").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/send", new { })).StatusCode);
        // It is in nobody's record: no audit row names anyone for it, and FHIR does not serve it.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/fhir/QuestionnaireResponse/{id}")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class TriageApiTestsOnSqlite(SqliteApp app) : TriageApiTests(app);

[Collection(PostgresTests.Name)]
public sealed class TriageApiTestsOnPostgres(PostgresApp app) : TriageApiTests(app);
