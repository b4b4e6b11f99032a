using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Identifiers;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Triage;

/// <summary>The clinician's call-back is a free time of the unit's schedule, booked for the patient in the same command.</summary>
public abstract class CallbackSlotTests(NaraApp app)
{
    private async Task<(HttpClient Staff, UnitId Unit, TriageCaseId Case, Nara.Modules.Residents.Domain.Resident Resident)> CaseAsync()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var staff = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id)).Id.Value, unit.Id.Value);
        var summary = JsonSerializer.Serialize(new CaseSummary("hosta", "Hosta", "test", Urgency.VardInomDagar, TriageCareLevel.Vardcentral, TriageChannel.Besok,
            "Hosta i tre veckor.", [new CaseSummaryAnswer("langvarig", "Har du hostat i mer än tre veckor?", "Ja", false)], ["langvarig"], null));
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(), ResidentId = resident.Id, UnitId = unit.Id, ComplaintId = "hosta", EngineUrgency = Urgency.VardInomDagar,
            SummaryJson = summary, SentBy = resident.Id.Value, CreatedAt = app.Now.AddHours(-1), Status = CaseStatus.Ny,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            CaseThreads.Add(db, triageCase);
            await db.SaveChangesAsync();
        });
        return (staff, unit.Id, triageCase.Id, resident);
    }

    [Fact]
    public async Task A_free_phone_time_is_booked_for_the_patient_and_the_case_says_when()
    {
        var (staff, unit, caseId, resident) = await CaseAsync();
        var slot = await app.Data.SlotAsync(unit, app.Now.AddDays(1), SlotType.Telefon);

        var response = await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/callback", new { slotId = slot.Id.Value });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Telefon", view.GetProperty("callbackChannel").GetString());
        Assert.Equal(slot.Start, view.GetProperty("callbackAt").GetDateTimeOffset());
        var booked = await app.Data.WithDbAsync(db => db.Set<Appointment>().SingleAsync(a => a.SlotId == slot.Id));
        Assert.Equal(resident.Id, booked.ResidentId);
        Assert.Equal(AppointmentStatus.Bokad, booked.Status);

        // The same time again is taken: 409, and nothing more is written to the case.
        var again = await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/callback", new { slotId = slot.Id.Value });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Messaging.Domain.ThreadMessage>().CountAsync(m => m.ThreadId == new Nara.Modules.Messaging.Contracts.ThreadId(caseId.Value))));
    }

    [Fact]
    public async Task Without_a_time_the_answer_names_the_field_and_a_chat_time_is_refused_without_a_booking()
    {
        var (staff, unit, caseId, _) = await CaseAsync();
        var none = await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/callback", new { });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.True(JsonDocument.Parse(await none.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("slotId", out _));

        var chat = await app.Data.SlotAsync(unit, app.Now.AddDays(1), SlotType.Chatt);
        var refused = await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/callback", new { slotId = chat.Id.Value });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(await app.Data.WithDbAsync(db => db.Set<Appointment>().AnyAsync(a => a.SlotId == chat.Id)));
    }

    [Fact]
    public async Task Staff_book_only_their_own_units_times()
    {
        var (staff, _, caseId, _) = await CaseAsync();
        var elsewhere = await app.Data.UnitAsync();
        var slot = await app.Data.SlotAsync(elsewhere.Id, app.Now.AddDays(1), SlotType.Telefon);
        var response = await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/callback", new { slotId = slot.Id.Value });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await app.Data.WithDbAsync(db => db.Set<Appointment>().AnyAsync(a => a.SlotId == slot.Id)));
    }
}

[Collection(SqliteTests.Name)]
public sealed class CallbackSlotTestsOnSqlite(SqliteApp app) : CallbackSlotTests(app);

[Collection(PostgresTests.Name)]
public sealed class CallbackSlotTestsOnPostgres(PostgresApp app) : CallbackSlotTests(app);
