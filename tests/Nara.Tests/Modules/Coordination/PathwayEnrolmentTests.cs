using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Tests.Infrastructure;

using static Nara.Tests.Modules.Coordination.CoordinationApi;

namespace Nara.Tests.Modules.Coordination;

/// <summary>A person on a care pathway through the API on both engines: deadlines from the start or the step before, status, the unit's counts, access and audit.</summary>
public abstract class PathwayEnrolmentTests(NaraApp app)
{
    private sealed record Step(string Id, DateOnly? Deadline, DateOnly? DoneOn, StepStatus? Status);

    private sealed record Enrolment(Guid Id, string PathwayId, DateOnly EnrolledOn, bool Ended, string? CurrentStep, List<Step> Steps);

    private sealed record Counts(int People, int AtRisk, int Late);

    [Fact]
    public async Task Deadlines_run_from_the_start_or_from_the_step_before_and_the_unit_counts_what_is_late()
    {
        var vc = await app.Data.UnitAsync();
        var resident = await app.Data.ResidentAsync(listedAt: vc.Id);
        var other = await app.Data.ResidentAsync(listedAt: vc.Id);
        var nurse = await app.Data.StaffAsync(vc.Id);
        var staff = await app.StaffClientAsync(nurse.Id.Value, vc.Id.Value);
        var today = app.Today;

        var created = await ReadAsync<JsonElement>(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways", new { pathwayId = "depression-angest-vuxna" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var enrolment = Assert.Single(await ReadAsync<List<Enrolment>>(await staff.GetAsync($"/api/residents/{resident.Id}/pathways")));
        Assert.Equal("forsta-bedomning", enrolment.CurrentStep);
        var first = enrolment.Steps.Single(s => s.Id == "forsta-bedomning");
        Assert.Equal(today.AddDays(3), first.Deadline);
        Assert.Equal(StepStatus.IRad, first.Status);
        var plan = enrolment.Steps.Single(s => s.Id == "gemensam-plan");
        Assert.Null(plan.Deadline);
        Assert.Equal(StepStatus.EjStartad, plan.Status);

        // A step whose clock has not started cannot be done first; nor a day in the future.
        Assert.Equal("stepId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways/{id}/steps/gemensam-plan/done", new { }), HttpStatusCode.BadRequest));
        Assert.Equal("on", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways/{id}/steps/forsta-bedomning/done", new { on = today.AddDays(1) }), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways/{id}/steps/forsta-bedomning/done", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways/{id}/steps/strukturerad-bedomning/done", new { })).StatusCode);
        Assert.Equal("stepId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways/{id}/steps/forsta-bedomning/done", new { }), HttpStatusCode.Conflict));
        enrolment = Assert.Single(await ReadAsync<List<Enrolment>>(await staff.GetAsync($"/api/residents/{resident.Id}/pathways")));
        Assert.Equal("gemensam-plan", enrolment.CurrentStep);
        Assert.Equal(today.AddDays(14), enrolment.Steps.Single(s => s.Id == "gemensam-plan").Deadline);

        // Started 30 days ago and nothing done: the first step is late and the unit's counts say so.
        Assert.Equal("pathwayId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways", new { pathwayId = "depression-angest-vuxna" }), HttpStatusCode.Conflict));
        Assert.Equal("pathwayId", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{other.Id}/pathways", new { pathwayId = "finns-inte" }), HttpStatusCode.BadRequest));
        Assert.Equal("start", await ProblemFieldAsync(await staff.PostAsJsonAsync($"/api/residents/{other.Id}/pathways", new { pathwayId = "kol", start = today.AddDays(2) }), HttpStatusCode.BadRequest));
        (await staff.PostAsJsonAsync($"/api/residents/{other.Id}/pathways", new { pathwayId = "kol", start = today.AddDays(-30) })).EnsureSuccessStatusCode();
        var counts = await ReadAsync<Counts>(await staff.GetAsync("/api/pathways/counts"));
        Assert.Equal(2, counts.People);
        // kol from 30 days ago: the first assessment (3 days) is late; the spirometry (30 days from the start) is due today, at risk.
        Assert.Equal(1, counts.Late);
        Assert.True(counts.AtRisk >= 1, $"at risk {counts.AtRisk}");
        Assert.Equal(StepStatus.Sen, Assert.Single(await ReadAsync<List<Enrolment>>(await staff.GetAsync($"/api/residents/{other.Id}/pathways"))).Steps[0].Status);

        // The person reads their own; only staff change them; every change is audited.
        var own = await app.ResidentClientAsync(resident.Id.Value);
        Assert.Single(await ReadAsync<List<Enrolment>>(await own.GetAsync($"/api/residents/{resident.Id}/pathways")));
        Assert.Equal(HttpStatusCode.Forbidden, (await own.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways", new { pathwayId = "kol" })).StatusCode);
        Assert.Equal(3, await app.Data.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ResidentId == resident.Id && e.Resource == "Vårdförlopp" && e.Action == AuditAction.Write)));

        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsJsonAsync($"/api/residents/{resident.Id}/pathways/{id}/end", new { reason = "Mår bra" })).StatusCode);
        Assert.True(Assert.Single(await ReadAsync<List<Enrolment>>(await staff.GetAsync($"/api/residents/{resident.Id}/pathways"))).Ended);
    }
}

[Collection(SqliteTests.Name)]
public sealed class PathwayEnrolmentTestsOnSqlite(SqliteApp app) : PathwayEnrolmentTests(app);

[Collection(PostgresTests.Name)]
public sealed class PathwayEnrolmentTestsOnPostgres(PostgresApp app) : PathwayEnrolmentTests(app);
