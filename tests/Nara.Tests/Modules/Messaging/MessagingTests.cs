using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Messaging.Domain;
using Nara.Modules.Messaging.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Modules.Triage.Features;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Messaging;

/// <summary>
/// Secure messaging through the HTTP API on both engines: a person writes to their vårdcentral and is promised an answer
/// in working days, the unit's list orders by it, staff answer (and so take the thread), read state on both sides, the
/// notice without health details, the thread as the unit's record (others refused), attachments checked by content,
/// bad input named with nothing half-written, and a triage case's conversation as one of the threads.
/// </summary>
public abstract class MessagingTests(NaraApp app)
{
    private sealed record Message(Guid Id, bool FromStaff, string Author, string Text, DateTimeOffset At, List<Attachment> Attachments);

    private sealed record Attachment(Guid Id, string FileName, string ContentType, int Size);

    private sealed record Thread(Guid Id, Guid ResidentId, string Topic, ThreadStatus Status, Guid? AssignedToId, DateTimeOffset? AnswerDueAt, int AnswerWorkingDays, List<Message> Messages);

    private sealed record MyItem(Guid Id, string Topic, int Unread, DateTimeOffset? AnswerDueAt);

    private sealed record MyPage(List<MyItem> Items, int Total, int Unread);

    private sealed record UnitItem(Guid Id, string Topic, DateTimeOffset? AnswerDueAt, bool Overdue, int Unread, string? AssignedTo);

    private sealed record UnitPage(List<UnitItem> Items, int Total, int Waiting, int Overdue, int Mine);

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task A_person_writes_to_their_vardcentral_and_the_nurse_answers_within_the_promised_working_days()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var person = await app.ResidentClientAsync(resident.Id.Value);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);

        var recipients = await ReadAsync<List<ListMessageRecipients.Recipient>>(await person.GetAsync("/api/messages/recipients"));
        var listed = Assert.Single(recipients);
        Assert.True(listed.Listed);
        Assert.Equal(2, listed.AnswerWorkingDays);
        var created = await ReadAsync<JsonElement>(await person.PostAsJsonAsync("/api/messages/threads",
            new { unitId = vc.Id.Value, topic = "Fråga om blodtrycksmedicin", text = "Jag blir yr på morgonen sedan dosen höjdes." }), HttpStatusCode.Created);
        var id = created.GetProperty("threadId").GetGuid();
        // Monday 15 June 10:00: two working days are Tuesday and Wednesday, so the answer is due by the end of Wednesday.
        var due = new DateTimeOffset(2026, 6, 17, 22, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, created.GetProperty("answerDueAt").GetDateTimeOffset());

        var inbox = await ReadAsync<UnitPage>(await staff.GetAsync("/api/messages/inbox"));
        var waiting = Assert.Single(inbox.Items, t => t.Id == id);
        Assert.Equal(1, waiting.Unread);
        Assert.Equal(due, waiting.AnswerDueAt);
        Assert.False(waiting.Overdue);
        Assert.Null(waiting.AssignedTo);

        var read = await ReadAsync<Thread>(await staff.GetAsync($"/api/messages/threads/{id}"));
        Assert.Equal("Jag blir yr på morgonen sedan dosen höjdes.", Assert.Single(read.Messages).Text);
        Assert.Equal(0, Assert.Single((await ReadAsync<UnitPage>(await staff.GetAsync("/api/messages/inbox"))).Items, t => t.Id == id).Unread);

        var answer = await ReadAsync<Message>(await staff.PostAsJsonAsync($"/api/messages/threads/{id}/messages", new { text = "Ta blodtrycket hemma i en vecka och skicka värdena." }));
        Assert.True(answer.FromStaff);
        var answered = await ReadAsync<Thread>(await person.GetAsync($"/api/messages/threads/{id}"));
        Assert.Equal(nurse.Id.Value, answered.AssignedToId);
        Assert.Null(answered.AnswerDueAt);
        Assert.Equal(2, answered.Messages.Count);
        Assert.DoesNotContain((await ReadAsync<UnitPage>(await staff.GetAsync("/api/messages/inbox"))).Items, t => t.Id == id);
        Assert.Single((await ReadAsync<UnitPage>(await staff.GetAsync("/api/messages/inbox?filter=mine"))).Items, t => t.Id == id);

        // The notice says there is a message, not what it is about or from where.
        var notice = await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Recipient == resident.Id && m.Kind == NotifyNewMessage.Kind));
        Assert.DoesNotContain("blodtryck", notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(vc.Name, notice.Body, StringComparison.Ordinal);

        // The person had the thread open when the answer came: read now. Before, the menu counted it.
        var mine = await ReadAsync<MyPage>(await person.GetAsync("/api/messages/threads"));
        Assert.Equal(0, mine.Unread);
        Assert.NotNull(await app.Data.WithDbAsync(db => db.Set<ThreadMessage>().Where(m => m.Id == new Nara.Modules.Messaging.Contracts.ThreadMessageId(answer.Id)).Select(m => m.ReadAt).SingleAsync()));

        // Staff close it; the person reads it still but cannot write in it.
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/messages/threads/{id}/close", null)).StatusCode);
        Assert.Equal("id", await ProblemFieldAsync(await person.PostAsJsonAsync($"/api/messages/threads/{id}/messages", new { text = "Tack!" }), HttpStatusCode.Conflict));
        Assert.Equal(ThreadStatus.Avslutad, (await ReadAsync<Thread>(await person.GetAsync($"/api/messages/threads/{id}"))).Status);

        var audited = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking().Where(e => e.ResidentId == resident.Id && e.Resource == "Meddelanden").ToListAsync());
        Assert.Contains(audited, e => e.ActorId == nurse.Id.Value && e.Action == AuditAction.Write && e.Reason == "Skrev ett meddelande");
        Assert.Contains(audited, e => e.ActorId == nurse.Id.Value && e.Action == AuditAction.Read && e.Reason == "Läste ett nytt meddelande");
        Assert.Contains(audited, e => e.ActorId == resident.Id.Value && e.Action == AuditAction.Write && e.Reason == "Startade en tråd");
    }

    [Fact]
    public async Task The_thread_is_its_units_record_and_others_are_refused()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var created = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/threads",
            new { topic = "Provsvar", text = "Dina prover är bra. Hör av dig om du har frågor." }), HttpStatusCode.Created);
        var id = created.GetProperty("threadId").GetGuid();
        Assert.Equal(JsonValueKind.Null, created.GetProperty("answerDueAt").ValueKind);

        var other = await app.Data.UnitAsync();
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync(other.Id)).Id.Value, other.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/messages/threads/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/messages/threads/{id}/messages", new { text = "Hej" })).StatusCode);
        var someoneElse = await app.ResidentClientAsync((await app.Data.ResidentAsync(listedAt: vc.Id)).Id.Value);
        Assert.Equal("id", await ProblemFieldAsync(await someoneElse.GetAsync($"/api/messages/threads/{id}"), HttpStatusCode.NotFound));
        Assert.Equal("id", await ProblemFieldAsync(await someoneElse.PostAsJsonAsync($"/api/messages/threads/{id}/messages", new { text = "Hej" }), HttpStatusCode.NotFound));
        Assert.Equal(1, await app.Data.WithDbAsync(db => db.Set<ThreadMessage>().CountAsync(m => m.ThreadId == new Nara.Modules.Messaging.Contracts.ThreadId(id))));
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == resident.Id && e.Resource == "Meddelanden" && e.Outcome == AuditOutcome.Denied)));
        // Staff without a care relationship cannot start a thread with the person either.
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/residents/{resident.Id}/threads", new { topic = "Hej", text = "Hej" })).StatusCode);

        // A guardian writes for a child under 13, to the child's vårdcentral.
        var parent = await app.Data.ResidentAsync(listedAt: vc.Id, birthDate: new DateOnly(1985, 3, 3));
        var child = await app.Data.ResidentAsync(listedAt: vc.Id, birthDate: app.Today.AddYears(-6));
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(new Nara.Modules.Residents.Domain.GuardianRelation { GuardianId = parent.Id, ChildId = child.Id });
            return await db.SaveChangesAsync();
        });
        var guardian = await app.ResidentClientAsync(parent.Id.Value);
        var forChild = (await ReadAsync<JsonElement>(await guardian.PostAsJsonAsync("/api/messages/threads",
            new { residentId = child.Id.Value, unitId = vc.Id.Value, topic = "Feber", text = "Min son har haft feber i tre dagar." }), HttpStatusCode.Created)).GetProperty("threadId").GetGuid();
        Assert.Equal(child.Id.Value, (await ReadAsync<Thread>(await staff.GetAsync($"/api/messages/threads/{forChild}"))).ResidentId);
        await staff.PostAsJsonAsync($"/api/messages/threads/{forChild}/messages", new { text = "Ring oss i morgon bitti." });
        Assert.True(await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == parent.Id && m.Reference == $"message-thread:{forChild}")));
    }

    [Fact]
    public async Task Bad_messages_name_the_field_and_leave_nothing_half_written()
    {
        var vc = await app.Data.UnitAsync();
        var elsewhere = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var person = await app.ResidentClientAsync(resident.Id.Value);
        const string url = "/api/messages/threads";

        Assert.Equal("unitId", await ProblemFieldAsync(await person.PostAsJsonAsync(url, new { unitId = elsewhere.Id.Value, topic = "Fråga", text = "Hej" }), HttpStatusCode.BadRequest));
        Assert.Equal("topic", await ProblemFieldAsync(await person.PostAsJsonAsync(url, new { unitId = vc.Id.Value, topic = " ", text = "Hej" }), HttpStatusCode.BadRequest));
        Assert.Equal("text", await ProblemFieldAsync(await person.PostAsJsonAsync(url, new { unitId = vc.Id.Value, topic = "Fråga", text = new string('a', 4001) }), HttpStatusCode.BadRequest));
        var program = Convert.ToBase64String([0x4D, 0x5A, 0x90, 0x00, 0x03]);
        Assert.Equal("attachments", await ProblemFieldAsync(await person.PostAsJsonAsync(url,
            new { unitId = vc.Id.Value, topic = "Utslag", text = "Se bild", attachments = new[] { new { fileName = "bild.jpg", contentType = "image/jpeg", data = program } } }), HttpStatusCode.BadRequest));
        var tooLarge = new byte[AttachmentRules.MaxBytes + 1];
        Png.CopyTo(tooLarge, 0);
        Assert.Equal("attachments", await ProblemFieldAsync(await PostFormAsync(person, url, ("unitId", vc.Id.Value.ToString()), ("topic", "Utslag"), ("text", "Se bild"), ("stor.png", tooLarge)), HttpStatusCode.BadRequest));
        Assert.Equal("attachments", await ProblemFieldAsync(await PostFormAsync(person, url, ("unitId", vc.Id.Value.ToString()), ("topic", "Utslag"), ("text", "Se bild"),
            ("1.png", Png), ("2.png", Png), ("3.png", Png), ("4.png", Png)), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<MessageThread>().CountAsync(t => t.ResidentId == resident.Id)));

        var id = (await ReadAsync<JsonElement>(await person.PostAsJsonAsync(url, new { unitId = vc.Id.Value, topic = "Fråga", text = "Hej" }), HttpStatusCode.Created)).GetProperty("threadId").GetGuid();
        Assert.Equal("text", await ProblemFieldAsync(await person.PostAsJsonAsync($"{url}/{id}/messages", new { text = "" }), HttpStatusCode.BadRequest));
        Assert.Equal("id", await ProblemFieldAsync(await person.PostAsJsonAsync($"{url}/{Guid.NewGuid()}/messages", new { text = "Hej" }), HttpStatusCode.NotFound));
        Assert.Equal(1, await app.Data.WithDbAsync(db => db.Set<ThreadMessage>().CountAsync(m => m.ThreadId == new Nara.Modules.Messaging.Contracts.ThreadId(id))));

        // Only the head of the unit sets its answer time, within 0–10 working days.
        var nurse = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await nurse.PutAsJsonAsync($"/api/units/{vc.Id}/message-answer-time", new { workingDays = 1 })).StatusCode);
        var head = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id, role: StaffRole.Verksamhetschef)).Id.Value, vc.Id.Value);
        Assert.Equal("workingDays", await ProblemFieldAsync(await head.PutAsJsonAsync($"/api/units/{vc.Id}/message-answer-time", new { workingDays = 11 }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await head.PutAsJsonAsync($"/api/units/{vc.Id}/message-answer-time", new { workingDays = 0 })).StatusCode);
        var sameDay = (await ReadAsync<JsonElement>(await person.PostAsJsonAsync(url, new { unitId = vc.Id.Value, topic = "Recept", text = "Förnya mitt recept." }), HttpStatusCode.Created))
            .GetProperty("answerDueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 22, 0, 0, TimeSpan.Zero), sameDay);
    }

    [Fact]
    public async Task Attachments_are_kept_by_their_content_and_shown_only_to_the_thread()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var person = await app.ResidentClientAsync(resident.Id.Value);
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(vc.Id)).Id.Value, vc.Id.Value);
        var pdf = "%PDF-1.4\n%synthetic\n"u8.ToArray();
        var id = (await ReadAsync<JsonElement>(await PostFormAsync(person, "/api/messages/threads", ("unitId", vc.Id.Value.ToString()), ("topic", "Utslag på armen"),
            ("text", "Bild och intyg bifogade."), ("../../arm.pdf", Png), ("intyg.pdf", pdf)), HttpStatusCode.Created)).GetProperty("threadId").GetGuid();

        var thread = await ReadAsync<Thread>(await staff.GetAsync($"/api/messages/threads/{id}"));
        var files = Assert.Single(thread.Messages).Attachments;
        var picture = Assert.Single(files, f => f.FileName == "arm.pdf");
        Assert.Equal("image/png", picture.ContentType);
        Assert.Equal("application/pdf", Assert.Single(files, f => f.FileName == "intyg.pdf").ContentType);

        var download = await staff.GetAsync($"/api/messages/attachments/{picture.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/api/messages/attachments/{picture.Id}")).StatusCode);
        var other = await app.ResidentClientAsync((await app.Data.ResidentAsync(listedAt: vc.Id)).Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/messages/attachments/{picture.Id}")).StatusCode);

        // A message with only a file and no text is fine; JSON with base64 as well.
        var reply = await ReadAsync<Message>(await staff.PostAsJsonAsync($"/api/messages/threads/{id}/messages",
            new { attachments = new[] { new { fileName = "rad.pdf", contentType = "application/pdf", data = Convert.ToBase64String(pdf) } } }));
        Assert.Equal("", reply.Text);
        Assert.Equal("rad.pdf", Assert.Single(reply.Attachments).FileName);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == resident.Id && e.Reason == "Öppnade en bilaga")));
    }

    [Fact]
    public async Task A_triage_cases_conversation_is_a_thread_and_the_case_follows_what_is_written_there()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(), ResidentId = resident.Id, UnitId = vc.Id, ComplaintId = "hosta", EngineUrgency = Urgency.VardInomDagar,
            SummaryJson = JsonSerializer.Serialize(new CaseSummary("hosta", "Hosta", "test", Urgency.VardInomDagar, TriageCareLevel.Vardcentral, TriageChannel.Chatt, "Skäl", [], [], null)),
            SentBy = resident.Id.Value, CreatedAt = app.Now.AddHours(-2), Status = CaseStatus.Ny,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            CaseThreads.Add(db, triageCase);
            return await db.SaveChangesAsync();
        });
        var person = await app.ResidentClientAsync(resident.Id.Value);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);

        // The person's messages list it; the unit's list leaves it to the En väg in inbox.
        Assert.Single((await ReadAsync<MyPage>(await person.GetAsync("/api/messages/threads"))).Items, t => t.Id == triageCase.Id.Value);
        Assert.DoesNotContain((await ReadAsync<UnitPage>(await staff.GetAsync("/api/messages/inbox?filter=open"))).Items, t => t.Id == triageCase.Id.Value);

        await ReadAsync<Message>(await staff.PostAsJsonAsync($"/api/messages/threads/{triageCase.Id}/messages", new { text = "Hur länge har du hostat?" }));
        var c = await app.Data.WithDbAsync(db => db.Set<TriageCase>().AsNoTracking().SingleAsync(x => x.Id == triageCase.Id));
        Assert.Equal(app.Now, c.FirstContactAt);
        Assert.Equal(nurse.Id, c.AssignedTo);
        Assert.Equal(CaseStatus.Pagaende, c.Status);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == resident.Id && m.Kind == NotifyCaseAnswered.Kind)));
        Assert.False(await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync(m => m.Recipient == resident.Id && m.Kind == NotifyNewMessage.Kind)));

        var answer = await ReadAsync<Message>(await PostFormAsync(person, $"/api/messages/threads/{triageCase.Id}/messages", ("text", "I fyra veckor."), ("hosta.png", Png)));
        Assert.Equal(app.Now, await app.Data.WithDbAsync(db => db.Set<TriageCase>().Where(x => x.Id == triageCase.Id).Select(x => x.ResidentRepliedAt).SingleAsync()));
        var view = await ReadAsync<JsonElement>(await staff.GetAsync($"/api/triage/cases/{triageCase.Id}"));
        Assert.Equal(["Hur länge har du hostat?", "I fyra veckor."], view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        // The file the person sent is on the case page and on the person's own case list, as a link under the thread's rule.
        var link = $"/api/messages/attachments/{Assert.Single(answer.Attachments).Id}";
        Assert.Contains(link, await staff.GetStringAsync($"/inkorg/{triageCase.Id}"), StringComparison.Ordinal);
        Assert.Contains(link, await person.GetStringAsync("/mina-arenden"), StringComparison.Ordinal);

        // Closed with the case: no more messages, from either page.
        (await staff.PostAsJsonAsync($"/api/triage/cases/{triageCase.Id}/close", new { urgency = "VardInomDagar" })).EnsureSuccessStatusCode();
        Assert.Equal("id", await ProblemFieldAsync(await person.PostAsJsonAsync($"/api/messages/threads/{triageCase.Id}/messages", new { text = "Hej igen" }), HttpStatusCode.Conflict));
        Assert.Equal(ThreadStatus.Avslutad, (await ReadAsync<Thread>(await person.GetAsync($"/api/messages/threads/{triageCase.Id}"))).Status);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Name, object Value)[] parts)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in parts)
        {
            if (value is byte[] bytes)
            {
                var file = new ByteArrayContent(bytes);
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, "files", name);
            }
            else
            {
                form.Add(new StringContent((string)value), name);
            }
        }
        return await client.PostAsync(url, form);
    }
}

[Collection(SqliteTests.Name)]
public sealed class MessagingTestsOnSqlite(SqliteApp app) : MessagingTests(app);

[Collection(PostgresTests.Name)]
public sealed class MessagingTestsOnPostgres(PostgresApp app) : MessagingTests(app);
