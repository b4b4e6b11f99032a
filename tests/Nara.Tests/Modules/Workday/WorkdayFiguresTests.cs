using System.Net;
using System.Text.Json;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Workday;

/// <summary>
/// The figures of the staff's workday page as other systems get them: open cases by urgency, the guarantee's clocks at
/// risk and overdue, and the unit's bookings week by week. Counts of the actor's own unit only.
/// </summary>
public abstract class WorkdayFiguresTests(NaraApp app)
{
    private async Task<HttpClient> StaffAtAsync(UnitId unit) => await app.StaffClientAsync((await app.Data.StaffAsync(unit)).Id.Value, unit.Value);

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task The_workday_page_renders_every_panel_on_this_engine()
    {
        // The panels start together: each must keep to a DbContext of its own (PostgreSQL refuses two commands at once on one).
        var unit = await app.Data.UnitAsync();
        var head = await app.StaffClientAsync((await app.Data.StaffAsync(unit.Id, role: Nara.Modules.Organisation.Contracts.StaffRole.Verksamhetschef)).Id.Value, unit.Id.Value);
        var response = await head.GetAsync("/min-arbetsdag");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        foreach (var panel in new[] { "Dagens bokningar", "Väntrum", "Inkorg", "Väntelista", "Vårdgaranti", "Enhetens besök" })
        {
            Assert.Contains($">{panel}</h2>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Open_cases_are_counted_by_urgency_most_urgent_first_and_only_at_the_actors_unit()
    {
        var unit = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        await app.Data.WithDbAsync(async db =>
        {
            foreach (var (at, urgency, status) in new[]
                     {
                         (unit.Id, Urgency.AkutNu, CaseStatus.Ny), (unit.Id, Urgency.VardIdag, CaseStatus.Ny), (unit.Id, Urgency.VardIdag, CaseStatus.Pagaende),
                         (unit.Id, Urgency.VardInomDagar, CaseStatus.Stangd), (other.Id, Urgency.AkutNu, CaseStatus.Ny),
                     })
            {
                db.Add(new TriageCase
                {
                    AssessmentId = StrongId.New<AssessmentId>(), ResidentId = resident.Id, UnitId = at, ComplaintId = "hosta", EngineUrgency = urgency,
                    SummaryJson = "{}", SentBy = resident.Id.Value, CreatedAt = app.Now, Status = status,
                });
            }
            await db.SaveChangesAsync();
        });

        var counts = await GetAsync(await StaffAtAsync(unit.Id), "/api/triage/inbox/counts");
        Assert.Equal(3, counts.GetProperty("open").GetInt32());
        Assert.Equal(2, counts.GetProperty("new").GetInt32());
        var byUrgency = counts.GetProperty("byUrgency").EnumerateArray().Select(u => (u.GetProperty("urgency").GetString(), u.GetProperty("count").GetInt32())).ToList();
        Assert.Equal(("Ring112", 0), byUrgency[0]);
        Assert.Equal(("AkutNu", 1), byUrgency[1]);
        Assert.Equal(("VardIdag", 2), byUrgency[2]);
        Assert.Equal(("VardInomDagar", 0), byUrgency[3]);

        var resident_ = await app.ResidentClientAsync(resident.Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident_.GetAsync("/api/triage/inbox/counts")).StatusCode);
    }

    [Fact]
    public async Task The_guarantee_counts_clocks_near_their_limit_and_clocks_past_it_that_still_run()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var today = Stockholm.DateOf(app.Now);
        await app.Data.WithDbAsync(async db =>
        {
            // Day 2 of 3 (at risk), day 1 of 3 (not yet), day 5 of 3 still running (overdue), day 5 of 3 stopped in time.
            foreach (var (start, stopped) in new[] { (today.AddDays(-2), false), (today.AddDays(-1), false), (today.AddDays(-5), false), (today.AddDays(-5), true) })
            {
                var clock = new GuaranteeClock
                {
                    ResidentId = resident.Id, UnitId = unit.Id, Kind = ClockKind.MedicinskBedomning, Source = ClockSource.Kontakt, SourceId = Guid.NewGuid(),
                    StartedAt = Stockholm.ToUtc(start, new TimeOnly(9, 0))!.Value, StartDate = start, Deadline = GuaranteeRules.Deadline(ClockKind.MedicinskBedomning, start),
                };
                if (stopped)
                {
                    clock.StopOn(start.AddDays(1), Stockholm.ToUtc(start.AddDays(1), new TimeOnly(9, 0))!.Value, "Bedömd", null);
                }
                db.Add(clock);
            }
            await db.SaveChangesAsync();
        });

        var counts = await GetAsync(await StaffAtAsync(unit.Id), "/api/care-guarantee/counts");
        Assert.Equal(1, counts.GetProperty("atRisk").GetInt32());
        Assert.Equal(1, counts.GetProperty("overdue").GetInt32());
    }

    [Fact]
    public async Task Bookings_are_counted_week_by_week_and_a_bad_number_of_weeks_names_the_field()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var today = Stockholm.DateOf(app.Now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        await app.Data.WithDbAsync(async db =>
        {
            // Last week: one done, one no-show, one late cancellation; this week: one still booked.
            foreach (var (day, status, late) in new[]
                     {
                         (monday.AddDays(-6), AppointmentStatus.Genomford, false), (monday.AddDays(-5), AppointmentStatus.UteBlev, false),
                         (monday.AddDays(-4), AppointmentStatus.Avbokad, true), (monday, AppointmentStatus.Bokad, false),
                     })
            {
                var start = Stockholm.ToUtc(day, new TimeOnly(10, 0))!.Value;
                var slot = new Slot { UnitId = unit.Id, Type = SlotType.Besok, Start = start, End = start.AddMinutes(20) };
                db.Add(slot);
                db.Add(new Appointment
                {
                    SlotId = slot.Id, UnitId = unit.Id, ResidentId = resident.Id, Start = start, BookedAt = start.AddDays(-7), BookedBy = resident.Id.Value,
                    Status = status, LateCancellation = late,
                });
            }
            await db.SaveChangesAsync();
        });

        var staff = await StaffAtAsync(unit.Id);
        var figures = await GetAsync(staff, "/api/booking/figures?weeks=2");
        var weeks = figures.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(2, weeks.Count);
        Assert.Equal(monday.AddDays(-7).ToString("yyyy-MM-dd"), weeks[0].GetProperty("monday").GetString());
        Assert.Equal((1, 1, 1, 0), (weeks[0].GetProperty("done").GetInt32(), weeks[0].GetProperty("noShow").GetInt32(), weeks[0].GetProperty("cancelledLate").GetInt32(), weeks[0].GetProperty("booked").GetInt32()));
        Assert.Equal(1, weeks[1].GetProperty("booked").GetInt32());

        foreach (var bad in new[] { "0", "27" })
        {
            var response = await staff.GetAsync($"/api/booking/figures?weeks={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("weeks", out _));
        }
    }
}

[Collection(SqliteTests.Name)]
public sealed class WorkdayFiguresTestsOnSqlite(SqliteApp app) : WorkdayFiguresTests(app);

[Collection(PostgresTests.Name)]
public sealed class WorkdayFiguresTestsOnPostgres(PostgresApp app) : WorkdayFiguresTests(app);
