using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Modules.Triage.Features;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Triage;

/// <summary>
/// From the result to care: the times that fit the urgency's window and channel, booking one in one step (the case is
/// sent, the time is linked to it and the care-guarantee clock it fulfils stops), and the conversation on the case.
/// </summary>
public abstract class ResultBookingTests(NaraApp app)
{
    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    // Chest pain for a few days, worse on movement, no warning signs: a visit within days.
    private static async Task<Guid> ChestPainWithinDaysAsync(HttpClient client)
    {
        var view = await Json(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        var id = view.GetProperty("id").GetGuid();
        for (var i = 0; i < 30 && view.GetProperty("question").ValueKind == JsonValueKind.Object; i++)
        {
            var q = view.GetProperty("question").GetProperty("id").GetString()!;
            var value = q switch { "debut" => "dagar", "rorelse" => "ja", _ => "nej" };
            view = await Json(await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q, value }), HttpStatusCode.OK);
        }
        Assert.Equal("VardInomDagar", view.GetProperty("result").GetProperty("urgency").GetString());
        return id;
    }

    [Fact]
    public async Task The_result_offers_times_in_its_window_and_channel_and_booking_one_sends_the_case_links_the_time_and_stops_the_clock()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1980, 2, 2));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var tomorrow = app.Now.AddDays(1);
        var visit = await app.Data.SlotAsync(unit.Id, tomorrow, SlotType.Besok, Profession.Lakare);
        var phone = await app.Data.SlotAsync(unit.Id, tomorrow.AddHours(1), SlotType.Telefon, Profession.Lakare);
        var tooLate = await app.Data.SlotAsync(unit.Id, app.Now.AddDays(9), SlotType.Besok, Profession.Lakare);
        var otherUnit = await app.Data.UnitAsync();
        var elsewhere = await app.Data.SlotAsync(otherUnit.Id, tomorrow, SlotType.Besok, Profession.Lakare);
        var id = await ChestPainWithinDaysAsync(client);

        var times = await Json(await client.GetAsync($"/api/triage/assessments/{id}/times"), HttpStatusCode.OK);
        var offered = times.GetProperty("times").EnumerateArray().Select(t => t.GetProperty("slotId").GetGuid()).ToList();
        Assert.Contains(visit.Id.Value, offered);
        Assert.DoesNotContain(phone.Id.Value, offered);      // a visit was recommended
        Assert.DoesNotContain(tooLate.Id.Value, offered);    // outside "within days" (7 days)
        Assert.DoesNotContain(elsewhere.Id.Value, offered);  // not the person's vårdcentral

        // A time that does not fit is refused, naming the field, and nothing is written.
        var refused = await Json(await client.PostAsJsonAsync($"/api/triage/assessments/{id}/book", new { slotId = tooLate.Id.Value }), HttpStatusCode.BadRequest);
        Assert.True(refused.GetProperty("errors").TryGetProperty("slotId", out _));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<TriageCase>().CountAsync(c => c.ResidentId == resident.Id)));

        var booked = await Json(await client.PostAsJsonAsync($"/api/triage/assessments/{id}/book", new { slotId = visit.Id.Value }), HttpStatusCode.Created);
        var caseId = booked.GetProperty("caseId").GetGuid();
        var appointmentId = booked.GetProperty("appointmentId").GetGuid();
        var triageCase = await app.Data.WithDbAsync(db => db.Set<TriageCase>().AsNoTracking().SingleAsync(c => c.ResidentId == resident.Id));
        Assert.Equal(caseId, triageCase.Id.Value);
        Assert.Equal(appointmentId, triageCase.AppointmentId!.Value.Value);
        Assert.Equal(visit.Start, triageCase.CallbackAt);
        // The booking with a doctor within three days fulfils the medical-assessment clock the case started.
        var clocks = await app.Data.WithDbAsync(db => db.Set<GuaranteeClock>().AsNoTracking().Where(c => c.SourceId == caseId).ToListAsync());
        Assert.NotNull(clocks.Single(c => c.Kind == ClockKind.MedicinskBedomning).StopDate);
        // The confirmation goes through the outbox, without health details.
        var confirmation = await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Recipient == resident.Id && m.Kind == "Bokningsbekräftelse"));
        Assert.DoesNotContain("bröst", confirmation.Body, StringComparison.OrdinalIgnoreCase);

        // Booking again is refused; the time is no longer offered.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/book", new { slotId = visit.Id.Value })).StatusCode);
    }

    [Fact]
    public async Task Self_care_and_emergencies_have_no_times_and_someone_else_cannot_book_on_anothers_result()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1980, 2, 2));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var id = await ChestPainWithinDaysAsync(client);
        var stranger = await app.ResidentClientAsync((await app.Data.ResidentAsync(unit.Id)).Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/triage/assessments/{id}/times")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/triage/assessments/{id}/book", new { slotId = Guid.NewGuid() })).StatusCode);

        var emergency = await Json(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta", text = "kan inte andas" }), HttpStatusCode.Created);
        var problem = await Json(await client.GetAsync($"/api/triage/assessments/{emergency.GetProperty("id").GetGuid()}/times"), HttpStatusCode.Conflict);
        Assert.Contains("akut", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/book", new { })).StatusCode);
    }

    [Fact]
    public async Task The_resident_is_told_when_care_answers_and_can_answer_back_until_the_case_is_closed()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1980, 2, 2));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var id = await ChestPainWithinDaysAsync(client);
        var sent = await Json(await client.PostAsJsonAsync($"/api/triage/assessments/{id}/send", new { }), HttpStatusCode.Created);
        var caseId = sent.GetProperty("caseId").GetGuid();
        var nurse = await app.Data.StaffAsync(unit.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        await Json(await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/messages", new { text = "Hur länge har det gjort ont?" }), HttpStatusCode.OK);

        var notice = await app.Data.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Recipient == resident.Id && m.Kind == NotifyCaseAnswered.Kind));
        Assert.DoesNotContain("bröst", notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Mina ärenden", notice.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync($"/api/triage/my-cases/{caseId}/messages", new { text = " " })).StatusCode);
        var reply = await Json(await client.PostAsJsonAsync($"/api/triage/my-cases/{caseId}/messages", new { text = "Sedan i söndags." }), HttpStatusCode.OK);
        Assert.False(reply.GetProperty("fromStaff").GetBoolean());
        var mine = await Json(await client.GetAsync("/api/triage/my-cases"), HttpStatusCode.OK);
        var messages = mine.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == caseId).GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(["Hur länge har det gjort ont?", "Sedan i söndags."], messages);
        Assert.NotNull((await app.Data.WithDbAsync(db => db.Set<TriageCase>().AsNoTracking().SingleAsync(c => c.Id == new Nara.Modules.Triage.Contracts.TriageCaseId(caseId)))).ResidentRepliedAt);

        // Another resident cannot write on the case; staff answer through the inbox, not here.
        var stranger = await app.ResidentClientAsync((await app.Data.ResidentAsync(unit.Id)).Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/triage/my-cases/{caseId}/messages", new { text = "hej" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/triage/my-cases/{caseId}/messages", new { text = "hej" })).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class ResultBookingTestsOnSqlite(SqliteApp app) : ResultBookingTests(app);

[Collection(PostgresTests.Name)]
public sealed class ResultBookingTestsOnPostgres(PostgresApp app) : ResultBookingTests(app);
