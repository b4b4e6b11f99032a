using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Domain;
using Nara.Modules.CareGuarantee;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.CareGuarantee.Features;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.CareGuarantee;

/// <summary>The care guarantee through the HTTP API on both engines: clocks from events, stops, reopening, exemptions, follow-up, export, access.</summary>
public abstract class CareGuaranteeApiTests(NaraApp app)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private sealed record Clock(Guid Id, ClockKind Kind, Guid UnitId, DateOnly StartDate, DateOnly Deadline, int Day, ClockStatus Status, DateOnly? StopDate, string? StoppedBy);

    private sealed record Item(Guid ClockId, ClockKind Kind, Guid ResidentId, string ResidentName, Guid UnitId, int Day, int LimitDays, ClockStatus Status);

    private sealed record Page(List<Item> Items, int Total, int PageNumber, int PageSize);

    private sealed record Row(Guid UnitId, string UnitName, string Month, ClockKind Kind, int Met, int Total, int Excepted, int Running);

    private DateOnly Today => app.Today;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    private static async Task<List<Clock>> ClocksAsync(HttpClient client, ResidentId resident) =>
        await ReadAsync<List<Clock>>(await client.GetAsync($"/api/care-guarantee/residents/{resident}/clocks"));

    /// <summary>Clocks started <paramref name="daysAgo"/> days ago at a unit, written directly (the way the subscribers write them).</summary>
    private async Task<List<GuaranteeClock>> ContactAsync(UnitId unit, ResidentId resident, int daysAgo, int? assessedOnDay = null)
    {
        var start = Today.AddDays(-daysAgo);
        var clocks = RegisterStart.Start(ClockSource.Kontakt, Guid.CreateVersion7(), resident, unit, start, app.Now, null, "Test");
        if (assessedOnDay is { } d)
        {
            clocks.Single(c => c.Kind == ClockKind.MedicinskBedomning).StopOn(start.AddDays(d), app.Now, "Telefonbedömning", null);
        }
        await app.Data.WithDbAsync(async db =>
        {
            db.AddRange(clocks);
            await db.SaveChangesAsync();
        });
        return clocks;
    }

    private Task<Slot> SlotAsync(UnitId unit, Profession profession, int daysAhead)
    {
        var local = Today.AddDays(daysAhead).ToDateTime(new TimeOnly(10, 0));
        var start = new DateTimeOffset(local, Stockholm.Zone.GetUtcOffset(local));
        return app.Data.SlotAsync(unit, start, profession: profession);
    }

    [Fact]
    public async Task A_triage_case_sent_to_a_unit_starts_the_same_day_and_three_day_clocks_and_a_reply_stops_the_contact_clock()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id, new DateOnly(1970, 5, 5));
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var start = await ReadAsync<JsonElement>(await client.PostAsJsonAsync("/api/triage/assessments", new { complaintId = "brostsmarta" }), HttpStatusCode.Created);
        var id = start.GetProperty("id").GetGuid();
        foreach (var (q, v) in new[] { ("kallsvett", "nej"), ("tryckande_15min", "nej"), ("andnod", "nej"), ("svimning", "nej"), ("utstralning", "nej"), ("anstrangning", "nej"), ("kand_hjartsjukdom", "nej"), ("debut", "dagar"), ("rorelse", "ja"), ("muskel", "nej") })
        {
            (await client.PostAsJsonAsync($"/api/triage/assessments/{id}/answers", new { questionId = q, value = v })).EnsureSuccessStatusCode();
        }
        var sent = await ReadAsync<JsonElement>(await client.PostAsJsonAsync($"/api/triage/assessments/{id}/send", new { }), HttpStatusCode.Created);
        var caseId = sent.GetProperty("caseId").GetGuid();

        var clocks = await ClocksAsync(client, resident.Id);
        Assert.Equal(2, clocks.Count);
        var contact = Assert.Single(clocks, c => c.Kind == ClockKind.Kontakt);
        var assessment = Assert.Single(clocks, c => c.Kind == ClockKind.MedicinskBedomning);
        Assert.Equal(Today, contact.StartDate);
        Assert.Equal(Today, contact.Deadline);
        Assert.Equal(ClockStatus.Risk, contact.Status);
        Assert.Equal(Today.AddDays(3), assessment.Deadline);
        Assert.Equal(ClockStatus.Pagaende, assessment.Status);

        var nurse = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        (await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/messages", new { text = "Vi ringer dig i eftermiddag." })).EnsureSuccessStatusCode();
        clocks = await ClocksAsync(staff, resident.Id);
        Assert.Equal(ClockStatus.Uppfylld, clocks.Single(c => c.Kind == ClockKind.Kontakt).Status);
        Assert.Equal(ClockStatus.Pagaende, clocks.Single(c => c.Kind == ClockKind.MedicinskBedomning).Status);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == resident.Id && e.Resource == GetResidentClocks.AuditResource && e.ActorId == nurse.Id.Value)));

        // A call-back booked on the case with the nurse (licensed) for tomorrow is the medical assessment, on that day.
        var local = Today.AddDays(1).ToDateTime(new TimeOnly(9, 0));
        var callback = new DateTimeOffset(local, Stockholm.Zone.GetUtcOffset(local));
        (await staff.PostAsJsonAsync($"/api/triage/cases/{caseId}/callback", new { at = callback, channel = "Telefon" })).EnsureSuccessStatusCode();
        var assessed = (await ClocksAsync(staff, resident.Id)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        Assert.Equal(ClockStatus.Uppfylld, assessed.Status);
        Assert.Equal(Today.AddDays(1), assessed.StopDate);
    }

    [Fact]
    public async Task A_booking_with_licensed_staff_within_three_days_stops_the_assessment_clock_an_underskoterska_does_not_and_a_cancellation_reopens_it()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var nurse = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        await ReadAsync<JsonElement>(await staff.PostAsJsonAsync("/api/care-guarantee/registrations",
            new { kind = "Kontakt", residentId = resident.Id.Value, date = Today }), HttpStatusCode.Created);

        var assistant = await SlotAsync(unit.Id, Profession.Underskoterska, 1);
        (await staff.PostAsJsonAsync($"/api/booking/slots/{assistant.Id}/book", new { residentId = resident.Id.Value })).EnsureSuccessStatusCode();
        Assert.Equal(ClockStatus.Pagaende, (await ClocksAsync(staff, resident.Id)).Single(c => c.Kind == ClockKind.MedicinskBedomning).Status);

        var licensed = await SlotAsync(unit.Id, Profession.Sjukskoterska, 2);
        var booked = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/booking/slots/{licensed.Id}/book", new { residentId = resident.Id.Value }), HttpStatusCode.Created);
        var clock = (await ClocksAsync(staff, resident.Id)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        Assert.Equal(ClockStatus.Uppfylld, clock.Status);
        Assert.Equal(Today.AddDays(2), clock.StopDate);
        Assert.Contains("sjuksköterska", clock.StoppedBy, StringComparison.Ordinal);

        var cancel = await staff.PostAsync($"/api/booking/appointments/{booked.GetProperty("appointmentId").GetGuid()}/cancel", null);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        clock = (await ClocksAsync(staff, resident.Id)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        Assert.Null(clock.StopDate);
        Assert.Equal(ClockStatus.Pagaende, clock.Status);
    }

    [Fact]
    public async Task A_booking_beyond_the_deadline_stops_the_clock_as_breached()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var doctor = await app.Data.StaffAsync(unit.Id, Profession.Lakare);
        var staff = await app.StaffClientAsync(doctor.Id.Value, unit.Id.Value);
        await ContactAsync(unit.Id, resident.Id, 0);
        var late = await SlotAsync(unit.Id, Profession.Lakare, 5);
        (await staff.PostAsJsonAsync($"/api/booking/slots/{late.Id}/book", new { residentId = resident.Id.Value })).EnsureSuccessStatusCode();
        Assert.Equal(ClockStatus.Overskriden, (await ClocksAsync(staff, resident.Id)).Single(c => c.Kind == ClockKind.MedicinskBedomning).Status);
    }

    [Fact]
    public async Task The_dashboard_lists_day_two_of_three_as_at_risk_and_a_missed_deadline_as_breached_only_for_the_managers_units()
    {
        var unit = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var chief = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var atRisk = await app.Data.ResidentAsync(unit.Id);
        var breached = await app.Data.ResidentAsync(unit.Id);
        var elsewhere = await app.Data.ResidentAsync(other.Id);
        var riskClock = (await ContactAsync(unit.Id, atRisk.Id, 2)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        var breachClock = (await ContactAsync(unit.Id, breached.Id, 5)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        var otherClock = (await ContactAsync(other.Id, elsewhere.Id, 2)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        var manager = await app.StaffClientAsync(chief.Id.Value, unit.Id.Value);

        var risk = await ReadAsync<Page>(await manager.GetAsync("/api/care-guarantee/at-risk?pageSize=100"));
        var item = Assert.Single(risk.Items, i => i.ClockId == riskClock.Id.Value);
        Assert.Equal(2, item.Day);
        Assert.Equal(3, item.LimitDays);
        Assert.Equal(ClockStatus.Risk, item.Status);
        Assert.Contains(atRisk.FamilyName, item.ResidentName, StringComparison.Ordinal);
        Assert.DoesNotContain(risk.Items, i => i.ClockId == otherClock.Id.Value || i.ClockId == breachClock.Id.Value);

        var breaches = await ReadAsync<Page>(await manager.GetAsync("/api/care-guarantee/breaches?pageSize=100"));
        Assert.Contains(breaches.Items, i => i.ClockId == breachClock.Id.Value && i.Status == ClockStatus.Overskriden && i.Day == 5);
        Assert.DoesNotContain(breaches.Items, i => i.ClockId == riskClock.Id.Value || i.ClockId == otherClock.Id.Value);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == atRisk.Id && e.Resource == ClockQueries.AuditResource && e.Action == AuditAction.Search)));

        await ReadAsync<JsonElement>(await manager.GetAsync("/api/care-guarantee/at-risk?pageSize=0"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_exempted_clock_leaves_compliance_and_the_exemption_keeps_its_reason_and_who_recorded_it()
    {
        var unit = await app.Data.UnitAsync();
        var chief = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var nurse = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska);
        await ContactAsync(unit.Id, (await app.Data.ResidentAsync(unit.Id)).Id, 10, assessedOnDay: 2);
        await ContactAsync(unit.Id, (await app.Data.ResidentAsync(unit.Id)).Id, 10);
        var waited = (await ContactAsync(unit.Id, (await app.Data.ResidentAsync(unit.Id)).Id, 10)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        var manager = await app.StaffClientAsync(chief.Id.Value, unit.Id.Value);
        var staff = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        Row Assessment(List<Row> rows) => rows.Single(r => r.UnitId == unit.Id.Value && r.Kind == ClockKind.MedicinskBedomning);

        var before = Assessment(await ReadAsync<List<Row>>(await manager.GetAsync("/api/care-guarantee/compliance")));
        Assert.Equal((1, 3, 0), (before.Met, before.Total, before.Excepted));

        await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/care-guarantee/clocks/{waited.Id}/exemption", new { exemption = "ValtAttVanta" }), HttpStatusCode.BadRequest);
        var exempted = await ReadAsync<Clock>(await staff.PostAsJsonAsync($"/api/care-guarantee/clocks/{waited.Id}/exemption",
            new { exemption = "ValtAttVanta", reason = "Vill vänta till efter resan." }));
        Assert.Equal(ClockStatus.Undantag, exempted.Status);
        await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/care-guarantee/clocks/{waited.Id}/exemption",
            new { exemption = "AvbojtErbjudenTid", reason = "Igen." }), HttpStatusCode.Conflict);

        var after = Assessment(await ReadAsync<List<Row>>(await manager.GetAsync("/api/care-guarantee/compliance")));
        Assert.Equal((1, 2, 1), (after.Met, after.Total, after.Excepted));
        var stored = await app.Data.WithDbAsync(db => db.Set<GuaranteeClock>().SingleAsync(c => c.Id == waited.Id));
        Assert.Equal(ClockExemption.ValtAttVanta, stored.Exemption);
        Assert.Equal("Vill vänta till efter resan.", stored.ExemptionReason);
        Assert.Equal(nurse.Id.Value, stored.ExemptionBy);
    }

    [Fact]
    public async Task The_excel_export_opens_with_ClosedXML_and_has_the_compliance_and_the_clock_rows_without_names()
    {
        var unit = await app.Data.UnitAsync();
        var chief = await app.Data.StaffAsync(unit.Id, Profession.Lakare, StaffRole.Verksamhetschef);
        var resident = await app.Data.ResidentAsync(unit.Id);
        var risk = (await ContactAsync(unit.Id, resident.Id, 2)).Single(c => c.Kind == ClockKind.MedicinskBedomning);
        await ContactAsync(unit.Id, (await app.Data.ResidentAsync(unit.Id)).Id, 10, assessedOnDay: 1);
        var manager = await app.StaffClientAsync(chief.Id.Value, unit.Id.Value);

        var response = await manager.GetAsync("/api/care-guarantee/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ExportCompliance.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var compliance = workbook.Worksheet("Följsamhet");
        Assert.Equal("Enhet", compliance.Cell(1, 1).GetString());
        // A row per unit, month of start and limit: early in a month the two clocks started in different months.
        var assessment = compliance.RowsUsed().Skip(1)
            .Where(r => r.Cell(1).GetString() == unit.Name && r.Cell(3).GetString().StartsWith('3'))
            .ToDictionary(r => r.Cell(2).GetString(), r => (Met: r.Cell(4).GetValue<int>(), Total: r.Cell(5).GetValue<int>(), Running: r.Cell(8).GetValue<int>()));
        var metMonth = $"{Today.AddDays(-10):yyyy-MM}";
        var runningMonth = $"{Today.AddDays(-2):yyyy-MM}";
        Assert.Equal(new[] { metMonth, runningMonth }.Distinct().Order(), assessment.Keys.Order());
        Assert.Equal((1, 1), (assessment[metMonth].Met, assessment[metMonth].Total));
        Assert.Equal(1, assessment[runningMonth].Running);
        Assert.Equal((1, 1, 1), (assessment.Values.Sum(a => a.Met), assessment.Values.Sum(a => a.Total), assessment.Values.Sum(a => a.Running)));
        var clocks = workbook.Worksheet("Klockor");
        Assert.Contains(clocks.RowsUsed(), r => r.Cell(1).GetString() == risk.Id.ToString() && r.Cell(7).GetString() == "Risk");
        Assert.DoesNotContain(clocks.CellsUsed(), c => c.GetString().Contains(resident.FamilyName, StringComparison.Ordinal));
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ActorId == chief.Id.Value && e.Action == AuditAction.Export)));
    }

    [Fact]
    public async Task A_resident_or_a_clinician_cannot_see_the_follow_up_and_staff_without_a_care_relationship_cannot_read_clocks()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        await ContactAsync(unit.Id, resident.Id, 1);
        var nurse = await app.Data.StaffAsync(unit.Id, Profession.Sjukskoterska);
        var residentClient = await app.ResidentClientAsync(resident.Id.Value);
        var clinician = await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value);
        foreach (var client in new[] { residentClient, clinician })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/care-guarantee/at-risk")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/care-guarantee/breaches")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/care-guarantee/export.xlsx")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/care-guarantee/at-risk")).StatusCode);
        Assert.Equal(2, (await ClocksAsync(residentClient, resident.Id)).Count);

        var otherUnit = await app.Data.UnitAsync();
        var outsider = await app.StaffClientAsync((await app.Data.StaffAsync(otherUnit.Id)).Id.Value, otherUnit.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/api/care-guarantee/residents/{resident.Id}/clocks")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await outsider.GetAsync("/api/care-guarantee/residents/inte-ett-id/clocks")).StatusCode);
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AnyAsync(e => e.ResidentId == resident.Id && e.Outcome == AuditOutcome.Denied && e.Resource == GetResidentClocks.AuditResource)));
    }

    [Fact]
    public async Task A_specialist_unit_registers_a_referral_and_a_visit_booked_there_stops_the_ninety_day_clock()
    {
        var clinic = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var primary = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(primary.Id);
        var doctor = await app.Data.StaffAsync(clinic.Id, Profession.Lakare);
        var staff = await app.StaffClientAsync(doctor.Id.Value, clinic.Id.Value);
        var gp = await app.StaffClientAsync((await app.Data.StaffAsync(primary.Id, Profession.Lakare)).Id.Value, primary.Id.Value);

        var future = await staff.PostAsJsonAsync("/api/care-guarantee/registrations", new { kind = "Remiss", personnummer = resident.Personnummer, date = Today.AddDays(1) });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("\"date\"", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await gp.PostAsJsonAsync("/api/care-guarantee/registrations", new { kind = "Remiss", residentId = resident.Id.Value, date = Today })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/care-guarantee/registrations", new { kind = "Remiss", personnummer = "123", date = Today })).StatusCode);

        var registered = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync("/api/care-guarantee/registrations",
            new { kind = "Remiss", personnummer = resident.Personnummer, date = Today.AddDays(-85), note = "Från vårdcentralen" }), HttpStatusCode.Created);
        var clock = Assert.Single(registered.GetProperty("clocks").EnumerateArray());
        Assert.Equal("Risk", clock.GetProperty("status").GetString());
        Assert.Equal(85, clock.GetProperty("day").GetInt32());

        var visit = await SlotAsync(clinic.Id, Profession.Lakare, 3);
        (await staff.PostAsJsonAsync($"/api/booking/slots/{visit.Id}/book", new { residentId = resident.Id.Value })).EnsureSuccessStatusCode();
        var after = (await ClocksAsync(staff, resident.Id)).Single(c => c.Kind == ClockKind.Specialistbesok);
        Assert.Equal(ClockStatus.Uppfylld, after.Status);
        Assert.Equal(Today.AddDays(3), after.StopDate);
    }
}

[Collection(SqliteTests.Name)]
public sealed class CareGuaranteeApiTestsOnSqlite(SqliteApp app) : CareGuaranteeApiTests(app);

[Collection(PostgresTests.Name)]
public sealed class CareGuaranteeApiTestsOnPostgres(PostgresApp app) : CareGuaranteeApiTests(app);
