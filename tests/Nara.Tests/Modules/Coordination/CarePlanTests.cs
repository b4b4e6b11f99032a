using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Coordination;

/// <summary>
/// The person's plan (patientkontrakt) through the HTTP API on both engines: own goals in the person's words beside the
/// team's, activities across units, an agreed time booked as a real slot that follows a rebooking, versions, comments,
/// the person's agreement to a named version, the other principal's staff refused until the person consents, every
/// change audited, and bad input answered with the field and nothing written.
/// </summary>
public abstract class CarePlanTests(NaraApp app)
{
    private sealed record AgreedTime(Guid AppointmentId, DateTimeOffset Start, AppointmentStatus Status);

    private sealed record Goal(Guid Id, GoalKind Kind, string Text, string? Measure, GoalStatus Status, string WrittenByName);

    private sealed record Activity(Guid Id, string Title, Guid OwnerUnitId, string OwnerUnitName, DateOnly DueOn, ActivityStatus Status, bool Overdue, bool NeedsAgreedTime, AgreedTime? AgreedTime);

    private sealed record Version(int Number, string ByName, bool ByResident, string Change);

    private sealed record Comment(string ByName, bool ByResident, int Version, string Text);

    private sealed record Plan(Guid Id, int Version, int Shown, int? AgreedVersion, bool Agreed, DateOnly StartsOn, DateOnly? FollowUpOn,
        List<Goal> Goals, List<Activity> Activities, List<Version> Versions, List<Comment> Comments);

    private sealed record FreeTimes(List<JsonElement> Slots, string UnitName, string? Note);

    private Task<int> PlanAuditsAsync(Nara.Platform.Identifiers.ResidentId resident, AuditAction action, AuditOutcome outcome = AuditOutcome.Allowed) =>
        app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == resident && e.Resource == "Plan (patientkontrakt)" && e.Action == action && e.Outcome == outcome));

    [Fact]
    public async Task A_plan_with_the_persons_own_goal_and_an_agreed_time_is_versioned_agreed_and_follows_a_rebooking()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var own = await app.ResidentClientAsync(resident.Id.Value);
        var today = app.Today;
        var url = $"/api/residents/{resident.Id}/care-plan";

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(url)).StatusCode);
        // Only staff start a plan.
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync(url, new { })).StatusCode);
        (await staff.PostAsJsonAsync(url, new { followUpOn = today.AddMonths(3), whatMatters = "Att orka gå till affären själv igen" })).EnsureSuccessStatusCode();
        Assert.Equal("residentId", await ProblemFieldAsync(await staff.PostAsJsonAsync(url, new { }), HttpStatusCode.Conflict));

        // The person adds an own goal in their words; the team adds a measurable goal and an activity needing a time.
        (await own.PostAsJsonAsync($"{url}/goals", new { text = "Kunna gå på barnbarnets födelsedag i maj" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync($"{url}/goals", new { kind = "Teamets", text = "Gå 30 minuter om dagen" })).StatusCode);
        var goal = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"{url}/goals", new { kind = "Teamets", text = "Gå längre utan andfåddhet", measure = "6 minuters gångtest över 300 m", targetDate = today.AddMonths(3) }), HttpStatusCode.Created);
        var activity = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"{url}/activities",
            new { title = "Uppföljning hos distriktssköterskan", dueOn = today.AddDays(14), needsAgreedTime = true, goalId = goal.GetProperty("id").GetGuid() }), HttpStatusCode.Created);
        var activityId = activity.GetProperty("id").GetGuid();

        var plan = await ReadAsync<Plan>(await own.GetAsync(url));
        Assert.Equal(4, plan.Version);
        Assert.Equal([GoalKind.Egen, GoalKind.Egen, GoalKind.Teamets], plan.Goals.Select(g => g.Kind));
        Assert.Equal("Att orka gå till affären själv igen", plan.Goals[0].Text);
        var planned = Assert.Single(plan.Activities);
        Assert.Equal(vc.Name, planned.OwnerUnitName);
        Assert.True(planned.NeedsAgreedTime);
        Assert.Null(planned.AgreedTime);
        Assert.Equal([4, 3, 2, 1], plan.Versions.Select(v => v.Number));
        Assert.True(plan.Versions.Single(v => v.Number == 2).ByResident);

        // The agreed time: a real slot at the unit, booked by the person from the plan.
        var slot = await app.Data.SlotAsync(vc.Id, app.Now.AddDays(5));
        var free = await ReadAsync<FreeTimes>(await own.GetAsync($"{url}/activities/{activityId}/free-times"));
        Assert.Contains(free.Slots, s => s.GetProperty("slotId").GetGuid() == slot.Id.Value);
        var booked = await ReadAsync<JsonElement>(await own.PostAsJsonAsync($"{url}/activities/{activityId}/agreed-time", new { slotId = slot.Id.Value }), HttpStatusCode.Created);
        var appointment = booked.GetProperty("appointmentId").GetGuid();
        plan = await ReadAsync<Plan>(await staff.GetAsync(url));
        Assert.Equal(5, plan.Version);
        Assert.Equal(appointment, plan.Activities[0].AgreedTime!.AppointmentId);
        Assert.Equal(AppointmentStatus.Bokad, plan.Activities[0].AgreedTime!.Status);
        // The calendar holds the same booking.
        Assert.Equal(resident.Id, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>().Where(a => a.Id == new AppointmentId(appointment)).Select(a => a.ResidentId).SingleAsync()));
        Assert.Equal("activityId", await ProblemFieldAsync(await own.PostAsJsonAsync($"{url}/activities/{activityId}/agreed-time", new { slotId = slot.Id.Value }), HttpStatusCode.Conflict));

        // Rebooked in Mina bokningar: the plan's agreed time is the new booking.
        var later = await app.Data.SlotAsync(vc.Id, app.Now.AddDays(6));
        var rebooked = await ReadAsync<JsonElement>(await own.PostAsJsonAsync($"/api/booking/appointments/{appointment}/rebook", new { slotId = later.Id.Value }), HttpStatusCode.Created);
        plan = await ReadAsync<Plan>(await own.GetAsync(url));
        Assert.Equal(rebooked.GetProperty("appointmentId").GetGuid(), plan.Activities[0].AgreedTime!.AppointmentId);
        Assert.Equal(later.Start, plan.Activities[0].AgreedTime!.Start);

        // The person agrees to the version they read; a change asks them again; an old version is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{url}/agree", new { version = plan.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await own.PostAsJsonAsync($"{url}/agree", new { version = plan.Version })).StatusCode);
        Assert.True((await ReadAsync<Plan>(await own.GetAsync(url))).Agreed);
        (await staff.PutAsJsonAsync($"{url}/activities/{activityId}", new { title = "Uppföljning hos distriktssköterskan", dueOn = today.AddDays(14), status = "Pagar" })).EnsureSuccessStatusCode();
        plan = await ReadAsync<Plan>(await own.GetAsync(url));
        Assert.False(plan.Agreed);
        Assert.Equal(5, plan.AgreedVersion);
        Assert.Equal("version", await ProblemFieldAsync(await own.PostAsJsonAsync($"{url}/agree", new { version = 5 }), HttpStatusCode.Conflict));

        // An earlier version reads as it was; comments belong to the version they were written about.
        var first = await ReadAsync<Plan>(await own.GetAsync($"{url}?version=1"));
        Assert.Equal(1, first.Shown);
        Assert.Single(first.Goals);
        Assert.Empty(first.Activities);
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"{url}?version=99")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await own.PostAsJsonAsync($"{url}/comments", new { text = "Kan vi ta uppföljningen på telefon?" })).StatusCode);
        var comment = Assert.Single((await ReadAsync<Plan>(await staff.GetAsync(url))).Comments);
        Assert.True(comment.ByResident);
        Assert.Equal(plan.Version, comment.Version);

        // Every change one audited write (start, 2 goals, activity, booking, agreement, status, comment).
        Assert.Equal(8, await PlanAuditsAsync(resident.Id, AuditAction.Write));
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_writes_nothing()
    {
        var vc = await app.Data.UnitAsync();
        var other = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var elsewhere = await app.Data.StaffAsync(other.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var today = app.Today;
        var url = $"/api/residents/{resident.Id}/care-plan";

        Assert.Equal("followUpOn", await ProblemFieldAsync(await staff.PostAsJsonAsync(url, new { startsOn = today, followUpOn = today }), HttpStatusCode.BadRequest));
        Assert.Equal("startsOn", await ProblemFieldAsync(await staff.PostAsJsonAsync(url, new { startsOn = today.AddYears(2) }), HttpStatusCode.BadRequest));
        Assert.Equal("whatMatters", await ProblemFieldAsync(await staff.PostAsJsonAsync(url, new { whatMatters = new string('a', 1001) }), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<CarePlan>().CountAsync(p => p.ResidentId == resident.Id)));
        Assert.Equal("residentId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"{url}/goals", new { text = "Mål" }), HttpStatusCode.NotFound));

        (await staff.PostAsJsonAsync(url, new { startsOn = today.AddDays(7) })).EnsureSuccessStatusCode();
        // An activity due before its plan starts; no title; a member of staff who does not work at the unit.
        Assert.Equal("dueOn", await ProblemFieldAsync(await staff.PostAsJsonAsync($"{url}/activities", new { title = "Röntgen", dueOn = today.AddDays(6) }), HttpStatusCode.BadRequest));
        Assert.Equal("title", await ProblemFieldAsync(await staff.PostAsJsonAsync($"{url}/activities", new { title = " ", dueOn = today.AddDays(10) }), HttpStatusCode.BadRequest));
        Assert.Equal("ownerStaffId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"{url}/activities",
            new { title = "Hembesök", dueOn = today.AddDays(10), ownerUnitId = vc.Id.Value, ownerStaffId = elsewhere.Id.Value }), HttpStatusCode.BadRequest));
        Assert.Equal("measure", await ProblemFieldAsync(await staff.PostAsJsonAsync($"{url}/goals", new { kind = "Egen", text = "Må bättre", measure = "PHQ-9 under 5" }), HttpStatusCode.BadRequest));
        Assert.Equal("targetDate", await ProblemFieldAsync(await staff.PostAsJsonAsync($"{url}/goals", new { kind = "Teamets", text = "Sova bättre", targetDate = today }), HttpStatusCode.BadRequest));
        Assert.Equal(1, (await ReadAsync<Plan>(await staff.GetAsync(url))).Version);

        // An agreed time in the past, on a taken slot, or at another unit than the activity's: refused, nothing booked.
        var activity = (await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"{url}/activities", new { title = "Besök", dueOn = today.AddDays(20), needsAgreedTime = true }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var past = await app.Data.SlotAsync(vc.Id, app.Now.AddHours(-2));
        var elsewhereSlot = await app.Data.SlotAsync(other.Id, app.Now.AddDays(3));
        var taken = await app.Data.SlotAsync(vc.Id, app.Now.AddDays(4));
        var someoneElse = await app.Data.ResidentAsync(listedAt: vc.Id);
        await TestData.BookAsync(await app.ResidentClientAsync(someoneElse.Id.Value), taken);
        var agreed = $"{url}/activities/{activity}/agreed-time";
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync(agreed, new { slotId = past.Id.Value })).StatusCode);
        Assert.NotEqual(HttpStatusCode.Created, (await staff.PostAsJsonAsync(agreed, new { slotId = elsewhereSlot.Id.Value })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsJsonAsync(agreed, new { slotId = taken.Id.Value })).StatusCode);
        Assert.Equal("slotId", await ProblemFieldAsync(await staff.PostAsJsonAsync(agreed, new { }), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.Data.WithDbAsync(db => db.Set<Nara.Modules.Booking.Domain.Appointment>().CountAsync(a => a.ResidentId == resident.Id)));
        var plan = await ReadAsync<Plan>(await staff.GetAsync(url));
        Assert.Equal(2, plan.Version);
        Assert.Null(plan.Activities[0].AgreedTime);

        // A comment that is empty; an agreement without a version.
        var own = await app.ResidentClientAsync(resident.Id.Value);
        Assert.Equal("text", await ProblemFieldAsync(await own.PostAsJsonAsync($"{url}/comments", new { text = "" }), HttpStatusCode.BadRequest));
        Assert.Equal("version", await ProblemFieldAsync(await own.PostAsJsonAsync($"{url}/agree", new { }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task The_other_principals_staff_see_the_plan_only_with_the_persons_consent_and_overdue_activities_show()
    {
        var (_, homeCare, resident, _, municipalNurse, staff, municipal) = await AcrossPrincipalsAsync(app);
        var own = await app.ResidentClientAsync(resident.Id.Value);
        var url = $"/api/residents/{resident.Id}/care-plan";
        (await staff.PostAsJsonAsync(url, new { startsOn = app.Today.AddDays(-30) })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"{url}/activities", new { title = "Läkemedelsgenomgång", dueOn = app.Today.AddDays(-1) })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync("/api/residents/" + resident.Id + "/care-team", new { unitId = homeCare.Id.Value, staffId = municipalNurse.Id.Value })).EnsureSuccessStatusCode();

        // In the team (a care relationship) but of the other principal: refused, and the refusal is in the log.
        Assert.Equal(HttpStatusCode.Forbidden, (await municipal.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await municipal.PostAsJsonAsync($"{url}/comments", new { text = "Hej" })).StatusCode);
        Assert.Equal(1, await PlanAuditsAsync(resident.Id, AuditAction.Read, AuditOutcome.Denied));

        (await own.PostAsJsonAsync($"/api/residents/{resident.Id}/sharing-consents", new { direction = "RegionTillKommun" })).EnsureSuccessStatusCode();
        var plan = await ReadAsync<Plan>(await municipal.GetAsync(url));
        var overdue = Assert.Single(plan.Activities);
        Assert.True(overdue.Overdue);
        Assert.Equal(HttpStatusCode.NoContent, (await municipal.PostAsJsonAsync($"{url}/comments", new { text = "Vi tar läkemedelslistan vid hembesöket." })).StatusCode);

        // Staff with no care relationship at all: refused as elsewhere.
        var stranger = await app.StaffClientAsync((await app.Data.StaffAsync((await app.Data.UnitAsync()).Id)).Id.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(url)).StatusCode);
    }

    private sealed record TaskItem(string Kind, Guid ResidentId, string Name, string Title, DateOnly DueOn, string Urgency, string Why);

    private sealed record Tasks(List<TaskItem> Items, int Total);

    [Fact]
    public async Task Overdue_activities_show_on_the_fixed_contacts_worklist_and_the_owners_and_late_steps_on_the_units()
    {
        var vc = await app.Data.UnitAsync();
        var rehab = await app.Data.UnitAsync(UnitType.Sjukhusklinik);
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var colleague = await app.Data.StaffAsync(vc.Id);
        var physio = await app.Data.StaffAsync(rehab.Id, Profession.Fysioterapeut);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var url = $"/api/residents/{resident.Id}/care-plan";
        (await staff.PutAsJsonAsync($"/api/residents/{resident.Id}/fixed-contacts/FastVardkontakt", new { staffId = nurse.Id.Value })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/care-team", new { unitId = rehab.Id.Value, staffId = physio.Id.Value })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync(url, new { startsOn = app.Today.AddDays(-20) })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"{url}/activities", new { title = "Gångträning", ownerUnitId = rehab.Id.Value, ownerStaffId = physio.Id.Value, dueOn = app.Today.AddDays(-2) })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"{url}/activities", new { title = "Blodtryckskontroll", dueOn = app.Today.AddDays(5) })).EnsureSuccessStatusCode();
        (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways", new { pathwayId = "kol", start = app.Today.AddDays(-30) })).EnsureSuccessStatusCode();

        // The fixed care contact sees the physiotherapist's overdue activity, and the unit's late pathway step first.
        var mine = await ReadAsync<Tasks>(await staff.GetAsync("/api/coordination/tasks"));
        var overdue = Assert.Single(mine.Items, i => i.Kind == "Planaktivitet");
        Assert.Equal("Gångträning", overdue.Title);
        Assert.Equal("FastVardkontakt", overdue.Why);
        Assert.DoesNotContain(mine.Items, i => i.Title == "Blodtryckskontroll");
        Assert.Contains(mine.Items, i => i.Kind == "Vardforloppssteg" && i.Urgency == "Sen");
        Assert.Equal("Sen", mine.Items[0].Urgency);
        // The owner sees it too; a colleague at the unit sees the unit's pathway step but not the activity.
        var owner = await ReadAsync<Tasks>(await (await app.StaffClientAsync(physio.Id.Value, rehab.Id.Value)).GetAsync("/api/coordination/tasks"));
        Assert.Equal("Ansvarig", Assert.Single(owner.Items).Why);
        var other = await ReadAsync<Tasks>(await (await app.StaffClientAsync(colleague.Id.Value, vc.Id.Value)).GetAsync("/api/coordination/tasks"));
        Assert.DoesNotContain(other.Items, i => i.Kind == "Planaktivitet");
        // Done: off the list. Each list shown is audited per person.
        var activity = (await ReadAsync<Plan>(await staff.GetAsync(url))).Activities.Single(a => a.Title == "Gångträning");
        (await staff.PutAsJsonAsync($"{url}/activities/{activity.Id}", new { title = "Gångträning", ownerUnitId = rehab.Id.Value, ownerStaffId = physio.Id.Value, dueOn = activity.DueOn, status = "Klar" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain((await ReadAsync<Tasks>(await staff.GetAsync("/api/coordination/tasks"))).Items, i => i.Kind == "Planaktivitet");
        Assert.True(await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == resident.Id && e.Resource == "Arbetslista: planer och vårdförlopp")) >= 3);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ResidentClientAsync(resident.Id.Value)).GetAsync("/api/coordination/tasks")).StatusCode);
    }
}

[Collection(SqliteTests.Name)]
public sealed class CarePlanTestsOnSqlite(SqliteApp app) : CarePlanTests(app);

[Collection(PostgresTests.Name)]
public sealed class CarePlanTestsOnPostgres(PostgresApp app) : CarePlanTests(app);
