using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Booking;

/// <summary>Schedules open times; residents find, book, rebook and cancel them under the unit's rules; staff follow up.</summary>
public abstract class ScheduleAndBookingTests(NaraApp app)
{
    private DateOnly NextWeekday(DayOfWeek day, int weeksAhead = 1)
    {
        var today = app.Today;
        var date = today.AddDays(7 * weeksAhead);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }
        return date;
    }

    private sealed record Setup(UnitId Unit, HttpClient Staff, Guid StaffId, HttpClient Resident, Guid ResidentId);

    private async Task<Setup> SetupAsync(Profession profession = Profession.Sjukskoterska)
    {
        var unit = await app.Data.UnitAsync();
        var nurse = await app.Data.StaffAsync(unit.Id, profession);
        var resident = await app.Data.ResidentAsync(unit.Id);
        return new Setup(unit.Id, await app.StaffClientAsync(nurse.Id.Value, unit.Id.Value), nurse.Id.Value,
            await app.ResidentClientAsync(resident.Id.Value), resident.Id.Value);
    }

    private static Task<HttpResponseMessage> AddTemplateAsync(HttpClient staff, Guid staffId, DayOfWeek day, string start, string end,
        bool web = true, bool acute = false, SlotType type = SlotType.Besok, int minutes = 20) =>
        staff.PostAsJsonAsync("/api/booking/schedule/templates", new
        {
            staffId,
            type = type.ToString(),
            weekday = day.ToString(),
            start,
            end,
            slotMinutes = minutes,
            webBookable = web,
            acuteReserved = acute,
        });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<List<JsonElement>> FreeAsync(HttpClient client, UnitId unit, string query = "")
    {
        var days = query.Contains("days=", StringComparison.Ordinal) ? "" : "&days=28";
        var response = await client.GetAsync($"/api/booking/free-slots?unitId={unit.Value}{days}{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await JsonAsync(response)).GetProperty("slots").EnumerateArray()];
    }

    [Fact]
    public async Task A_weekly_pattern_opens_times_that_residents_find_nearest_first()
    {
        var s = await SetupAsync();
        var created = await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Tuesday, "08:00", "09:00");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True((await JsonAsync(created)).GetProperty("slotsAdded").GetInt32() >= 3 * 12);

        var free = await FreeAsync(s.Resident, s.Unit);
        Assert.NotEmpty(free);
        var starts = free.Select(f => f.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(starts, d => Assert.Equal(DayOfWeek.Tuesday, Stockholm.ToLocal(d).DayOfWeek));
        Assert.Equal(8, Stockholm.ToLocal(starts[0]).Hour);
    }

    [Fact]
    public async Task A_pattern_of_many_times_is_saved_whole_and_the_next_run_adds_nothing()
    {
        // Five-minute times all day: more than one save's worth (GenerateSlots saves in short transactions).
        var s = await SetupAsync();
        var created = await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Wednesday, "08:00", "16:00", minutes: 5);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var added = (await JsonAsync(created)).GetProperty("slotsAdded").GetInt32();
        Assert.True(added > 400, $"only {added} times");

        var stored = await app.Data.WithDbAsync(db => db.Set<Slot>().CountAsync(t => t.UnitId == s.Unit && t.TemplateId != null));
        await using var scope = app.Services.CreateAsyncScope();
        var again = await scope.ServiceProvider.GetRequiredService<Nara.Modules.Booking.Features.GenerateSlots>().AllUnitsAsync(CancellationToken.None);
        var after = await app.Data.WithDbAsync(db => db.Set<Slot>().CountAsync(t => t.UnitId == s.Unit && t.TemplateId != null));

        Assert.Equal(added, stored);
        Assert.Equal(stored, after);
        Assert.DoesNotContain(again.BookedInTheWay, _ => true);
    }

    [Fact]
    public async Task An_overlapping_pattern_for_the_same_person_is_refused_naming_the_other()
    {
        var s = await SetupAsync();
        Assert.Equal(HttpStatusCode.Created, (await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Wednesday, "08:00", "12:00")).StatusCode);
        var clash = await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Wednesday, "11:00", "13:00");
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        var problem = await JsonAsync(clash);
        Assert.Contains("överlappar", problem.GetProperty("errors").GetProperty("start")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("onsdag", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var templates = await app.Data.WithDbAsync(db => db.Set<ScheduleTemplate>().CountAsync(t => t.StaffId == new StaffId(s.StaffId)));
        Assert.Equal(1, templates);
    }

    [Fact]
    public async Task A_pattern_with_bad_times_gets_every_wrong_field_named()
    {
        var s = await SetupAsync();
        var response = await s.Staff.PostAsJsonAsync("/api/booking/schedule/templates", new { staffId = s.StaffId, start = "25:00", end = "07:00", slotMinutes = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        foreach (var field in new[] { "type", "weekday", "start", "slotMinutes" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task Residents_do_not_see_acute_times_or_types_the_unit_keeps_off_the_web_but_staff_do()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Monday, "08:00", "08:40", web: false, acute: true);
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Monday, "09:00", "09:40", type: SlotType.Video);
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Monday, "10:00", "10:40");
        var manager = await app.Data.StaffAsync(s.Unit, Profession.Lakare, StaffRole.Verksamhetschef);
        var boss = await app.StaffClientAsync(manager.Id.Value, s.Unit.Value);
        var rules = await boss.PutAsJsonAsync("/api/booking/schedule/rules", new { webTypes = new[] { "Besok" }, webCancellationHours = 48, horizonDays = 84 });
        Assert.Equal(HttpStatusCode.NoContent, rules.StatusCode);

        var residentSees = await FreeAsync(s.Resident, s.Unit);
        Assert.All(residentSees, f => Assert.Equal("Besok", f.GetProperty("type").GetString()));
        Assert.All(residentSees, f => Assert.False(f.GetProperty("acuteReserved").GetBoolean()));
        var staffSees = await FreeAsync(s.Staff, s.Unit);
        Assert.Contains(staffSees, f => f.GetProperty("acuteReserved").GetBoolean());
        Assert.Contains(staffSees, f => f.GetProperty("type").GetString() == "Video");

        var video = staffSees.First(f => f.GetProperty("type").GetString() == "Video").GetProperty("slotId").GetGuid();
        var refused = await s.Resident.PostAsJsonAsync($"/api/booking/slots/{video}/book", new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("kan inte bokas på webben", (await JsonAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_takes_free_times_out_lists_booked_ones_and_removing_it_brings_them_back()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Thursday, "08:00", "09:00");
        var thursday = NextWeekday(DayOfWeek.Thursday);
        var before = await FreeAsync(s.Resident, s.Unit, $"&from={thursday:yyyy-MM-dd}&days=1");
        Assert.Equal(3, before.Count);
        var booked = await s.Resident.PostAsJsonAsync($"/api/booking/slots/{before[0].GetProperty("slotId").GetGuid()}/book", new { });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        var leave = await s.Staff.PostAsJsonAsync("/api/booking/schedule/absences", new { staffId = s.StaffId, from = thursday, to = thursday, reason = "Ledighet" });
        Assert.Equal(HttpStatusCode.Created, leave.StatusCode);
        var added = await JsonAsync(leave);
        Assert.Equal(2, added.GetProperty("slotsWithdrawn").GetInt32());
        Assert.Equal(before[0].GetProperty("slotId").GetGuid(), Assert.Single(added.GetProperty("bookedSlotsToMove").EnumerateArray()).GetGuid());
        Assert.Empty(await FreeAsync(s.Resident, s.Unit, $"&from={thursday:yyyy-MM-dd}&days=1"));

        var undo = await s.Staff.DeleteAsync($"/api/booking/schedule/absences/{added.GetProperty("absenceId").GetGuid()}");
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Equal(2, (await FreeAsync(s.Resident, s.Unit, $"&from={thursday:yyyy-MM-dd}&days=1")).Count);
    }

    [Fact]
    public async Task Rebooking_takes_the_new_time_and_frees_the_old_one_together()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Friday, "08:00", "09:00");
        // From the day after tomorrow: a resident rebooks from the web only more than 24 hours ahead.
        var free = await FreeAsync(s.Resident, s.Unit, $"&from={app.Today.AddDays(2):yyyy-MM-dd}");
        var first = free[0].GetProperty("slotId").GetGuid();
        var second = free[1].GetProperty("slotId").GetGuid();
        var booked = await JsonAsync(await s.Resident.PostAsJsonAsync($"/api/booking/slots/{first}/book", new { }));
        var appointment = booked.GetProperty("appointmentId").GetGuid();

        var moved = await s.Resident.PostAsJsonAsync($"/api/booking/appointments/{appointment}/rebook", new { slotId = second });
        Assert.True(moved.StatusCode == HttpStatusCode.Created, await moved.Content.ReadAsStringAsync());
        var ids = (await FreeAsync(s.Resident, s.Unit)).Select(f => f.GetProperty("slotId").GetGuid()).ToList();
        Assert.Contains(first, ids);
        Assert.DoesNotContain(second, ids);
        var rows = await app.Data.WithDbAsync(db => db.Set<Appointment>().Where(a => a.ResidentId == new ResidentId(s.ResidentId)).ToListAsync());
        Assert.Equal(AppointmentStatus.Avbokad, rows.Single(a => a.Id == new AppointmentId(appointment)).Status);
        Assert.Equal(appointment, rows.Single(a => a.Status == AppointmentStatus.Bokad).RebookedFrom?.Value);
    }

    [Fact]
    public async Task Rebooking_to_a_taken_time_keeps_the_old_booking()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Friday, "10:00", "11:00");
        var free = await FreeAsync(s.Resident, s.Unit, $"&from={app.Today.AddDays(2):yyyy-MM-dd}");
        var mine = (await JsonAsync(await s.Resident.PostAsJsonAsync($"/api/booking/slots/{free[0].GetProperty("slotId").GetGuid()}/book", new { })))
            .GetProperty("appointmentId").GetGuid();
        var other = await app.Data.ResidentAsync(s.Unit);
        var otherClient = await app.ResidentClientAsync(other.Id.Value);
        var taken = free[1].GetProperty("slotId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await otherClient.PostAsJsonAsync($"/api/booking/slots/{taken}/book", new { })).StatusCode);

        var response = await s.Resident.PostAsJsonAsync($"/api/booking/appointments/{mine}/rebook", new { slotId = taken });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("alternatives").GetArrayLength() > 0);
        var status = await app.Data.WithDbAsync(db => db.Set<Appointment>().Where(a => a.Id == new AppointmentId(mine)).Select(a => a.Status).SingleAsync());
        Assert.Equal(AppointmentStatus.Bokad, status);
    }

    [Fact]
    public async Task A_unit_with_a_48_hour_limit_refuses_web_cancellation_36_hours_before_and_staff_cancellation_is_registered_late()
    {
        var s = await SetupAsync();
        var manager = await app.Data.StaffAsync(s.Unit, Profession.Lakare, StaffRole.Verksamhetschef);
        var boss = await app.StaffClientAsync(manager.Id.Value, s.Unit.Value);
        await boss.PutAsJsonAsync("/api/booking/schedule/rules", new { webTypes = new[] { "Besok" }, webCancellationHours = 48, horizonDays = 84 });
        var slot = new Slot
        {
            UnitId = s.Unit,
            Type = SlotType.Besok,
            WebBookable = true,
            Start = app.Now.AddHours(36),
            End = app.Now.AddHours(36.5),
        };
        await app.Data.WithDbAsync(async db => { db.Add(slot); await db.SaveChangesAsync(); });
        var appointment = (await JsonAsync(await s.Resident.PostAsJsonAsync($"/api/booking/slots/{slot.Id}/book", new { }))).GetProperty("appointmentId").GetGuid();

        var web = await s.Resident.PostAsync($"/api/booking/appointments/{appointment}/cancel", null);
        Assert.Equal(HttpStatusCode.BadRequest, web.StatusCode);
        Assert.Contains("48 timmar", (await JsonAsync(web)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await s.Staff.PostAsync($"/api/booking/appointments/{appointment}/cancel", null)).StatusCode);
        var followUp = await JsonAsync(await s.Staff.GetAsync($"/api/booking/unit-appointments?followUp=true&date={app.Today.AddDays(3):yyyy-MM-dd}"));
        var item = Assert.Single(followUp.EnumerateArray());
        Assert.True(item.GetProperty("lateCancellation").GetBoolean());
    }

    [Fact]
    public async Task A_no_show_is_registered_only_after_the_start_and_lands_in_follow_up()
    {
        var s = await SetupAsync();
        var soon = new Slot { UnitId = s.Unit, Type = SlotType.Besok, Start = app.Now.AddMinutes(5), End = app.Now.AddMinutes(25) };
        await app.Data.WithDbAsync(async db => { db.Add(soon); await db.SaveChangesAsync(); });
        var booked = await s.Staff.PostAsJsonAsync($"/api/booking/slots/{soon.Id}/book", new { residentId = s.ResidentId });
        var appointment = (await JsonAsync(booked)).GetProperty("appointmentId").GetGuid();

        var early = await s.Staff.PostAsJsonAsync($"/api/booking/appointments/{appointment}/outcome", new { outcome = "UteBlev" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        await app.Data.WithDbAsync(async db =>
        {
            var a = await db.Set<Appointment>().SingleAsync(x => x.Id == new AppointmentId(appointment));
            db.Entry(a).Property(x => x.Start).CurrentValue = app.Now.AddMinutes(-10);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.NoContent, (await s.Staff.PostAsJsonAsync($"/api/booking/appointments/{appointment}/outcome", new { outcome = "UteBlev" })).StatusCode);
        var followUp = await JsonAsync(await s.Staff.GetAsync("/api/booking/unit-appointments?followUp=true"));
        Assert.Equal("UteBlev", Assert.Single(followUp.EnumerateArray()).GetProperty("status").GetString());
        var again = await s.Staff.PostAsJsonAsync($"/api/booking/appointments/{appointment}/outcome", new { outcome = "Genomford" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task An_invitation_waits_for_the_residents_confirmation()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Tuesday, "13:00", "14:00", web: false);
        var slot = (await FreeAsync(s.Staff, s.Unit))[0].GetProperty("slotId").GetGuid();
        var sent = await s.Staff.PostAsJsonAsync($"/api/booking/slots/{slot}/book", new { residentId = s.ResidentId, invitation = true, reason = "Årskontroll" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var mine = await JsonAsync(await s.Resident.GetAsync("/api/booking/my-appointments"));
        var item = Assert.Single(mine.EnumerateArray());
        Assert.True(item.GetProperty("awaitingConfirmation").GetBoolean());
        var id = item.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await s.Resident.PostAsync($"/api/booking/appointments/{id}/confirm", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await s.Resident.PostAsync($"/api/booking/appointments/{id}/confirm", null)).StatusCode);
        var after = await JsonAsync(await s.Resident.GetAsync("/api/booking/my-appointments"));
        Assert.False(Assert.Single(after.EnumerateArray()).GetProperty("awaitingConfirmation").GetBoolean());
    }

    [Fact]
    public async Task The_calendar_file_has_the_time_and_no_reason_and_someone_elses_is_not_found()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Staff, s.StaffId, DayOfWeek.Wednesday, "15:00", "16:00", web: false);
        var slot = (await FreeAsync(s.Staff, s.Unit))[0];
        var booked = await JsonAsync(await s.Staff.PostAsJsonAsync($"/api/booking/slots/{slot.GetProperty("slotId").GetGuid()}/book",
            new { residentId = s.ResidentId, reason = "Diabeteskontroll" }));
        var id = booked.GetProperty("appointmentId").GetGuid();

        var response = await s.Resident.GetAsync($"/api/booking/appointments/{id}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal(slot.GetProperty("start").GetDateTimeOffset().UtcDateTime, e.Start!.AsUtc);
        Assert.DoesNotContain("Diabetes", ics, StringComparison.OrdinalIgnoreCase);

        var stranger = await app.ResidentClientAsync((await app.Data.ResidentAsync(s.Unit)).Id.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/booking/appointments/{id}/calendar.ics")).StatusCode);
        var audited = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(a => a.ResidentId == new ResidentId(s.ResidentId) && a.Reason == "Kalenderfil"));
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task Staff_cannot_add_a_pattern_for_someone_at_another_unit_and_residents_cannot_add_patterns()
    {
        var s = await SetupAsync();
        var elsewhere = await app.Data.UnitAsync();
        var stranger = await app.Data.StaffAsync(elsewhere.Id);
        var response = await AddTemplateAsync(s.Staff, stranger.Id.Value, DayOfWeek.Monday, "08:00", "09:00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty("staffId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await AddTemplateAsync(s.Resident, s.StaffId, DayOfWeek.Monday, "08:00", "09:00")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class ScheduleAndBookingTestsOnSqlite(SqliteApp app) : ScheduleAndBookingTests(app);

[Collection(PostgresTests.Name)]
public sealed class ScheduleAndBookingTestsOnPostgres(PostgresApp app) : ScheduleAndBookingTests(app);
