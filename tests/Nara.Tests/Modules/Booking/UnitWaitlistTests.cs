using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Booking.Domain;
using Nara.Modules.Booking.Features;
using Nara.Modules.Residents.Domain;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Time;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Modules.Booking;

/// <summary>The unit's waitlist for its staff (order, paging, access, audit) and wishes that take their urgency from a triage case.</summary>
public abstract class UnitWaitlistTests(NaraApp app)
{
    private static async Task<HttpResponseMessage> JoinAsync(HttpClient client, UnitId unit, object? extra = null, SlotType type = SlotType.Besok)
    {
        var body = new Dictionary<string, object?> { ["unitId"] = unit.Value, ["type"] = type.ToString() };
        foreach (var p in extra?.GetType().GetProperties() ?? [])
        {
            body[p.Name] = p.GetValue(extra);
        }
        return await client.PostAsJsonAsync("/api/booking/waitlist", body);
    }

    private static async Task<Guid> JoinedAsync(HttpClient client, UnitId unit, object? extra = null, SlotType type = SlotType.Besok)
    {
        var response = await JoinAsync(client, unit, extra, type);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private async Task<(Resident Resident, HttpClient Client, Guid Entry)> WaitingAsync(UnitId unit, SlotType type = SlotType.Besok)
    {
        var r = await app.Data.ResidentAsync(unit);
        var client = await app.ResidentClientAsync(r.Id.Value);
        return (r, client, await JoinedAsync(client, unit, type: type));
    }

    private async Task<HttpClient> StaffAtAsync(UnitId unit) => await app.StaffClientAsync((await app.Data.StaffAsync(unit)).Id.Value, unit.Value);

    private static async Task<JsonElement> ListAsync(HttpClient client, UnitId unit, string query = "")
    {
        var response = await client.GetAsync($"/api/booking/units/{unit.Value}/waitlist{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static List<Guid> Residents(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("residentId").GetGuid()).ToList();

    private Task<List<AuditEvent>> WaitlistReadsAsync(Guid actor, ResidentId resident) =>
        app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ActorId == actor && e.ResidentId == resident && e.Resource == JoinWaitlist.AuditResource && e.Action == AuditAction.Read).ToListAsync());

    private async Task<Guid> TriageCaseAsync(ResidentId resident, UnitId unit, Urgency engine, Urgency? clinician = null)
    {
        var triageCase = new TriageCase
        {
            AssessmentId = StrongId.New<AssessmentId>(),
            ResidentId = resident,
            UnitId = unit,
            ComplaintId = "hosta",
            EngineUrgency = engine,
            SummaryJson = "{}",
            SentBy = resident.Value,
            CreatedAt = app.Now,
            Status = clinician is null ? CaseStatus.Ny : CaseStatus.Stangd,
            ClosedAt = clinician is null ? null : app.Now,
            ClinicianUrgency = clinician,
        };
        await app.Data.WithDbAsync(async db =>
        {
            db.Add(triageCase);
            CaseThreads.Add(db, triageCase);
            await db.SaveChangesAsync();
        });
        return triageCase.Id.Value;
    }

    private Task<WaitlistEntry> EntryAsync(Guid id) => app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().AsNoTracking().SingleAsync(w => w.Id == new WaitlistEntryId(id)));

    [Fact]
    public async Task The_whole_queues_waiting_days_are_counted_in_bands_for_the_chart_on_every_page()
    {
        var unit = await app.Data.UnitAsync();
        var waited = new[] { 0, 7, 8, 30, 31, 61, 200 };
        foreach (var days in waited)
        {
            var w = await WaitingAsync(unit.Id);
            await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().Where(e => e.Id == new WaitlistEntryId(w.Entry))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CreatedAt, app.Now.AddDays(-days))));
        }
        var staff = await StaffAtAsync(unit.Id);

        var first = await ListAsync(staff, unit.Id, "?page=1&pageSize=2");
        var last = await ListAsync(staff, unit.Id, "?page=4&pageSize=2");

        // At most 7, 14, 30 and 60 days, and longer; the same on every page.
        Assert.Equal([2, 1, 1, 1, 2], first.GetProperty("waitBands").EnumerateArray().Select(b => b.GetInt32()));
        Assert.Equal([2, 1, 1, 1, 2], last.GetProperty("waitBands").EnumerateArray().Select(b => b.GetInt32()));
    }

    [Fact]
    public async Task Staff_see_their_units_waitlist_in_offer_order_a_page_at_a_time_and_each_resident_shown_is_audited()
    {
        var unit = await app.Data.UnitAsync();
        var a = await WaitingAsync(unit.Id);
        var b = await WaitingAsync(unit.Id);
        var c = await WaitingAsync(unit.Id);
        var staff = await app.Data.StaffAsync(unit.Id);
        var staffClient = await app.StaffClientAsync(staff.Id.Value, unit.Id.Value);
        var d = await app.Data.ResidentAsync(unit.Id);
        await JoinedAsync(staffClient, unit.Id, new { residentId = d.Id.Value, urgency = 3 });
        Assert.Equal(HttpStatusCode.NoContent, (await staffClient.PostAsJsonAsync($"/api/booking/waitlist/{b.Entry}/urgency", new { urgency = 2 })).StatusCode);
        // c has waited five days: longer than a, so before a among those with the same urgency.
        await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().Where(w => w.Id == new WaitlistEntryId(c.Entry))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.CreatedAt, app.Now.AddDays(-5))));
        // Left the queue: not on the list.
        var left = await WaitingAsync(unit.Id);
        Assert.Equal(HttpStatusCode.NoContent, (await left.Client.PostAsync($"/api/booking/waitlist/{left.Entry}/leave", null)).StatusCode);

        var first = await ListAsync(staffClient, unit.Id, "?page=1&pageSize=2");
        Assert.Equal(4, first.GetProperty("total").GetInt32());
        // The whole queue's waiting days, for the chart: three today, c five days; none longer.
        Assert.Equal([4, 0, 0, 0, 0], first.GetProperty("waitBands").EnumerateArray().Select(b => b.GetInt32()));

        Assert.Equal([d.Id.Value, b.Resident.Id.Value], Residents(first));
        var top = first.GetProperty("items")[0];
        Assert.Equal(1, top.GetProperty("place").GetInt32());
        Assert.Equal(3, top.GetProperty("urgency").GetInt32());
        Assert.Equal(d.Personnummer, top.GetProperty("personnummer").GetString());
        Assert.Equal(d.FullName, top.GetProperty("residentName").GetString());
        Assert.Equal(JsonValueKind.Null, top.GetProperty("offer").ValueKind);

        // Shown on page 1 and audited; the rest not yet read, so not audited.
        Assert.Single(await WaitlistReadsAsync(staff.Id.Value, d.Id));
        Assert.Equal("Enhetens väntelista", Assert.Single(await WaitlistReadsAsync(staff.Id.Value, b.Resident.Id)).Reason);
        Assert.Empty(await WaitlistReadsAsync(staff.Id.Value, a.Resident.Id));

        var second = await ListAsync(staffClient, unit.Id, "?page=2&pageSize=2");
        Assert.Equal([c.Resident.Id.Value, a.Resident.Id.Value], Residents(second));
        Assert.Equal(3, second.GetProperty("items")[0].GetProperty("place").GetInt32());
        var expectedDays = app.Today.DayNumber - Stockholm.DateOf(app.Now.AddDays(-5)).DayNumber;
        Assert.Equal(expectedDays, second.GetProperty("items")[0].GetProperty("waitingDays").GetInt32());
        Assert.Single(await WaitlistReadsAsync(staff.Id.Value, a.Resident.Id));
        Assert.Empty(await WaitlistReadsAsync(staff.Id.Value, left.Resident.Id));

        var beyond = await ListAsync(staffClient, unit.Id, "?page=3&pageSize=2");
        Assert.Empty(Residents(beyond));
    }

    [Fact]
    public async Task A_wish_with_an_open_offer_shows_the_offered_time_and_when_the_answer_is_due()
    {
        var unit = await app.Data.UnitAsync();
        var start = new DateTimeOffset(app.Now.AddDays(5).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var slot = await app.Data.SlotAsync(unit.Id, start);
        var waiting = await WaitingAsync(unit.Id);
        var other = await app.ResidentClientAsync((await app.Data.ResidentAsync(unit.Id)).Id.Value);
        var booked = await TestData.BookAsync(other, slot);
        Assert.Equal(HttpStatusCode.NoContent, (await other.PostAsync($"/api/booking/appointments/{booked}/cancel", null)).StatusCode);

        var list = await ListAsync(await StaffAtAsync(unit.Id), unit.Id);
        var offer = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("offer");
        Assert.Equal(slot.Start, offer.GetProperty("start").GetDateTimeOffset());
        var offered = await app.Data.WithDbAsync(db => db.Set<WaitlistOffer>().AsNoTracking().SingleAsync(o => o.EntryId == new WaitlistEntryId(waiting.Entry)));
        Assert.Equal(offered.Id.Value, offer.GetProperty("offerId").GetGuid());
        Assert.Equal(offered.ExpiresAt, offer.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Staff_of_another_unit_and_residents_cannot_list_a_units_waitlist()
    {
        var unit = await app.Data.UnitAsync();
        var waiting = await WaitingAsync(unit.Id);
        var elsewhere = await app.Data.UnitAsync();
        var stranger = await app.Data.StaffAsync(elsewhere.Id);
        var strangerClient = await app.StaffClientAsync(stranger.Id.Value, elsewhere.Id.Value);

        var refused = await strangerClient.GetAsync($"/api/booking/units/{unit.Id.Value}/waitlist");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("enhet du arbetar på", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await WaitlistReadsAsync(stranger.Id.Value, waiting.Resident.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await waiting.Client.GetAsync($"/api/booking/units/{unit.Id.Value}/waitlist")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/booking/units/{unit.Id.Value}/waitlist")).StatusCode);
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    public async Task Bad_paging_is_refused_naming_the_field(string query, string field)
    {
        var unit = await app.Data.UnitAsync();
        var response = await (await StaffAtAsync(unit.Id)).GetAsync($"/api/booking/units/{unit.Id.Value}/waitlist{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task A_wish_that_refers_to_a_triage_case_starts_at_the_urgency_decided_on_the_case()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var open = await TriageCaseAsync(resident.Id, unit.Id, Urgency.VardIdag);
        // The clinician closed this one with a lower urgency than the engine's: theirs is the decided one.
        var closed = await TriageCaseAsync(resident.Id, unit.Id, Urgency.VardIdag, Urgency.VardInomDagar);

        var fromOpen = await JoinedAsync(client, unit.Id, new { triageCaseId = open });
        Assert.Equal(2, (await EntryAsync(fromOpen)).Urgency);
        // A resident cannot set their own urgency, even beside a case.
        var fromClosed = await JoinedAsync(client, unit.Id, new { triageCaseId = closed, urgency = 4 }, SlotType.Video);
        Assert.Equal(1, (await EntryAsync(fromClosed)).Urgency);
        var audit = await app.Data.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.ResidentId == resident.Id && e.Resource == JoinWaitlist.AuditResource && e.Action == AuditAction.Write).ToListAsync());
        Assert.Contains(audit, e => e.Reason == "Angelägenhetsgrad 2 från triageärende" && e.Basis == AccessBasis.Self);

        // Staff: the case's urgency unless they give their own.
        var staff = await StaffAtAsync(unit.Id);
        var other = await app.Data.ResidentAsync(unit.Id);
        var otherCase = await TriageCaseAsync(other.Id, unit.Id, Urgency.VardIdag);
        var byStaff = await JoinedAsync(staff, unit.Id, new { residentId = other.Id.Value, triageCaseId = otherCase });
        Assert.Equal(2, (await EntryAsync(byStaff)).Urgency);
        var ownJudgement = await JoinedAsync(staff, unit.Id, new { residentId = other.Id.Value, triageCaseId = otherCase, urgency = 0 }, SlotType.Telefon);
        Assert.Equal(0, (await EntryAsync(ownJudgement)).Urgency);
    }

    [Fact]
    public async Task A_triage_case_that_is_unknown_or_someone_elses_is_refused_naming_the_field()
    {
        var unit = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(unit.Id);
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var someoneElse = await app.Data.ResidentAsync(unit.Id);
        var theirCase = await TriageCaseAsync(someoneElse.Id, unit.Id, Urgency.VardIdag);

        foreach (var caseId in new[] { Guid.CreateVersion7(), theirCase })
        {
            var response = await JoinAsync(client, unit.Id, new { triageCaseId = caseId });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty("triageCaseId", out _), problem.ToString());
        }

        // Staff at another unit see only cases sent to their own unit, even when they put the resident in their own queue.
        var elsewhere = await app.Data.UnitAsync();
        var staffElsewhere = await StaffAtAsync(elsewhere.Id);
        var refused = await JoinAsync(staffElsewhere, elsewhere.Id, new { residentId = someoneElse.Id.Value, triageCaseId = theirCase, });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("triageCaseId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.Data.WithDbAsync(db => db.Set<WaitlistEntry>().AnyAsync(w => w.ResidentId == resident.Id || w.ResidentId == someoneElse.Id)));
    }

    [Fact]
    public void Triage_urgency_maps_onto_the_waitlist_scale_in_the_same_order()
    {
        var mapped = Enum.GetValues<Urgency>().OrderBy(u => (int)u).Select(JoinWaitlist.UrgencyFromTriage).ToList();
        Assert.Equal(0, mapped[0]);
        Assert.Equal(WaitlistEntry.MaxUrgency, mapped[^1]);
        Assert.Equal(mapped.Order(), mapped);
        Assert.Equal(mapped.Count, mapped.Distinct().Count());
    }
}

[Collection(SqliteTests.Name)]
public sealed class UnitWaitlistTestsOnSqlite(SqliteApp app) : UnitWaitlistTests(app);

[Collection(PostgresTests.Name)]
public sealed class UnitWaitlistTestsOnPostgres(PostgresApp app) : UnitWaitlistTests(app);
