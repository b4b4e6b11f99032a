using Microsoft.EntityFrameworkCore;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// A person's plan (patientkontrakt) as it is now, or as it was at an earlier version: what matters to the person, the
/// team's goals, the activities with owner, due date, status and agreed time (read from Booking, so the plan and the
/// calendar never disagree), the versions, the comments, and which version the person agreed to. For the person, a
/// guardian, or staff with access; the other principal's staff only with the person's consent to sharing. Audited.
/// </summary>
public sealed class GetCarePlan(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, IBookedVisits visits, TimeProvider time) : IFeature
{
    public const string AuditResource = CarePlans.AuditResource;

    /// <param name="AppointmentId">The booking.</param>
    /// <param name="Start">When.</param>
    /// <param name="End">Until.</param>
    /// <param name="Type">Visit, video, phone or chat.</param>
    /// <param name="Status">Booked, cancelled, done, no-show: as the calendar says now.</param>
    public sealed record AgreedTime(Guid AppointmentId, DateTimeOffset Start, DateTimeOffset End, SlotType Type, AppointmentStatus Status);

    /// <param name="Id">The goal.</param>
    /// <param name="Kind">The person's own, or the team's.</param>
    /// <param name="Text">The goal, for an own goal in the person's words.</param>
    /// <param name="Measure">How the team's goal is measured.</param>
    /// <param name="TargetDate">By when.</param>
    /// <param name="Status">Where it stands.</param>
    /// <param name="WrittenByName">Who wrote it.</param>
    public sealed record Goal(Guid Id, GoalKind Kind, string Text, string? Measure, DateOnly? TargetDate, GoalStatus Status, string WrittenByName);

    /// <param name="Id">The activity.</param>
    /// <param name="Title">What.</param>
    /// <param name="Details">More about it.</param>
    /// <param name="OwnerUnitId">The unit that does it.</param>
    /// <param name="OwnerUnitName">Its name.</param>
    /// <param name="OwnerStaffId">The member of staff who does it, if named.</param>
    /// <param name="OwnerStaffName">Their name.</param>
    /// <param name="DueOn">By when.</param>
    /// <param name="Status">Where it stands.</param>
    /// <param name="Overdue">Not done and its day has passed.</param>
    /// <param name="NeedsAgreedTime">The activity needs a time agreed with the person.</param>
    /// <param name="AgreedTime">The booked time, when one is booked.</param>
    /// <param name="GoalId">The goal it serves.</param>
    public sealed record Activity(Guid Id, string Title, string? Details, Guid OwnerUnitId, string OwnerUnitName, Guid? OwnerStaffId, string? OwnerStaffName,
        DateOnly DueOn, ActivityStatus Status, bool Overdue, bool NeedsAgreedTime, AgreedTime? AgreedTime, Guid? GoalId)
    {
        /// <summary>Open, and without a booked time: a time can be booked from the plan (BookAgreedTime's own rule).</summary>
        public bool CanBook => Status is ActivityStatus.Planerad or ActivityStatus.Pagar && AgreedTime is not { Status: AppointmentStatus.Bokad };
    }

    /// <param name="Number">Its number.</param>
    /// <param name="At">When.</param>
    /// <param name="ByName">Who made it.</param>
    /// <param name="ByResident">Made by the person or a guardian.</param>
    /// <param name="Change">What changed.</param>
    public sealed record VersionEntry(int Number, DateTimeOffset At, string ByName, bool ByResident, string Change);

    /// <param name="At">When.</param>
    /// <param name="ByName">Who wrote it.</param>
    /// <param name="ByResident">Written by the person or a guardian.</param>
    /// <param name="Version">The version it was written about.</param>
    /// <param name="Text">The comment.</param>
    public sealed record Comment(DateTimeOffset At, string ByName, bool ByResident, int Version, string Text);

    /// <param name="Id">The plan.</param>
    /// <param name="ResidentId">Whose.</param>
    /// <param name="UnitId">The unit that holds it.</param>
    /// <param name="UnitName">Its name.</param>
    /// <param name="StartsOn">From.</param>
    /// <param name="FollowUpOn">When it is followed up with the person.</param>
    /// <param name="Version">The version now.</param>
    /// <param name="Shown">The version shown (the current one unless an earlier one was asked for).</param>
    /// <param name="AgreedVersion">The version the person agreed to, if any.</param>
    /// <param name="AgreedAt">When.</param>
    /// <param name="AgreedByName">By whom (the person or a guardian).</param>
    /// <param name="CreatedAt">When the plan was started.</param>
    /// <param name="CreatedByName">By whom.</param>
    /// <param name="UpdatedAt">Last changed.</param>
    /// <param name="Goals">The person's own goals first, then the team's.</param>
    /// <param name="Activities">By due date.</param>
    /// <param name="Versions">Newest first.</param>
    /// <param name="Comments">Oldest first.</param>
    public sealed record Plan(Guid Id, Guid ResidentId, Guid UnitId, string UnitName, DateOnly StartsOn, DateOnly? FollowUpOn, int Version, int Shown,
        int? AgreedVersion, DateTimeOffset? AgreedAt, string? AgreedByName, DateTimeOffset CreatedAt, string CreatedByName, DateTimeOffset UpdatedAt,
        IReadOnlyList<Goal> Goals, IReadOnlyList<Activity> Activities, IReadOnlyList<VersionEntry> Versions, IReadOnlyList<Comment> Comments)
    {
        /// <summary>The person has agreed to the version now in force.</summary>
        public bool Agreed => AgreedVersion == Version;
    }

    /// <summary>
    /// The plan now (or at <paramref name="version"/>), or null when the person has none. Access decided and audited here,
    /// as <paramref name="auditResource"/> (the FHIR edge names itself) and <paramref name="action"/>.
    /// </summary>
    public async Task<Plan?> HandleAsync(Actor actor, ResidentId resident, int? version, CancellationToken ct, string auditResource = AuditResource, AuditAction action = AuditAction.Read)
    {
        var grant = await access.RequireAsync(actor, resident, new AccessRequest(auditResource, action) { AuditWhenDone = true }, ct);
        var plan = await db.Set<CarePlan>().AsNoTracking().FirstOrDefaultAsync(p => p.ResidentId == resident && p.EndedAt == null, ct);
        if (plan is null)
        {
            await grant.AuditAsync("Ingen plan", ct);
            return null;
        }
        await CarePlans.RequireVisibleAsync(access, actor, plan, AuditAction.Read, ct);
        var versions = await db.Set<PlanVersion>().AsNoTracking().Where(v => v.PlanId == plan.Id).OrderByDescending(v => v.Version).ToListAsync(ct);
        var comments = await db.Set<PlanComment>().AsNoTracking().Where(c => c.PlanId == plan.Id).OrderBy(c => c.At).ToListAsync(ct);
        PlanSnapshot snapshot;
        var shown = version ?? plan.Version;
        if (version is { } asked && asked != plan.Version)
        {
            snapshot = versions.FirstOrDefault(v => v.Version == asked) is { } old && CarePlans.ReadSnapshot(old.Snapshot) is { } s
                ? s
                : throw ProblemException.NotFound("version", "Planen har ingen sådan version.");
        }
        else
        {
            var goals = await db.Set<PlanGoal>().AsNoTracking().Where(g => g.PlanId == plan.Id).ToListAsync(ct);
            var activities = await db.Set<PlanActivity>().AsNoTracking().Where(a => a.PlanId == plan.Id).ToListAsync(ct);
            snapshot = CarePlans.Snapshot(new PlanState(plan, goals, activities));
        }
        var view = await ViewAsync(plan, snapshot, shown, versions, comments, ct);
        await grant.AuditAsync(shown == plan.Version ? null : $"Version {shown}", ct);
        return view;
    }

    /// <summary>Whose open plan this is, or null (for the FHIR edge's read by id; no personal data is shown by it).</summary>
    public async Task<ResidentId?> ResidentOfPlanAsync(CarePlanId id, CancellationToken ct) =>
        await db.Set<CarePlan>().Where(p => p.Id == id && p.EndedAt == null).Select(p => (ResidentId?)p.ResidentId).FirstOrDefaultAsync(ct);

    /// <summary>Whose open plan holds this goal, or null.</summary>
    public async Task<ResidentId?> ResidentOfGoalAsync(PlanGoalId id, CancellationToken ct) =>
        await db.Set<PlanGoal>().Where(g => g.Id == id)
            .Join(db.Set<CarePlan>().Where(p => p.EndedAt == null), g => g.PlanId, p => p.Id, (g, p) => (ResidentId?)p.ResidentId)
            .FirstOrDefaultAsync(ct);

    public async Task<ResidentId?> ResidentOfActivityAsync(PlanActivityId id, CancellationToken ct) =>
        await db.Set<PlanActivity>().Where(a => a.Id == id)
            .Join(db.Set<CarePlan>().Where(p => p.EndedAt == null), a => a.PlanId, p => p.Id, (a, p) => (ResidentId?)p.ResidentId)
            .FirstOrDefaultAsync(ct);

    private async Task<Plan> ViewAsync(CarePlan plan, PlanSnapshot snapshot, int shown, List<PlanVersion> versions, List<PlanComment> comments, CancellationToken ct)
    {
        var units = await organisation.GetUnitsAsync(snapshot.Activities.Select(a => new UnitId(a.OwnerUnitId)).Append(plan.UnitId).Distinct(), ct);
        var staff = await organisation.GetStaffAsync(snapshot.Activities.Where(a => a.OwnerStaffId is not null).Select(a => new StaffId(a.OwnerStaffId!.Value)).Distinct(), ct);
        var times = new Dictionary<Guid, AgreedTime>();
        foreach (var appointment in snapshot.Activities.Where(a => a.AppointmentId is not null).Select(a => a.AppointmentId!.Value).Distinct())
        {
            if (await visits.GetAsync(new AppointmentId(appointment), ct) is { } visit)
            {
                times[appointment] = new AgreedTime(appointment, visit.Start, visit.End, visit.Type, visit.Status);
            }
        }
        var today = Stockholm.Today(time);
        var activities = snapshot.Activities.Select(a => new Activity(a.Id, a.Title, a.Details, a.OwnerUnitId, units.GetValueOrDefault(new UnitId(a.OwnerUnitId))?.Name ?? "–",
                a.OwnerStaffId, a.OwnerStaffId is { } s ? staff.GetValueOrDefault(new StaffId(s))?.Name : null, a.DueOn, a.Status,
                a.DueOn < today && a.Status is ActivityStatus.Planerad or ActivityStatus.Pagar, a.NeedsAgreedTime,
                a.AppointmentId is { } id ? times.GetValueOrDefault(id) : null, a.GoalId))
            .ToList();
        return new Plan(plan.Id.Value, plan.ResidentId.Value, plan.UnitId.Value, units.GetValueOrDefault(plan.UnitId)?.Name ?? "–", snapshot.StartsOn, snapshot.FollowUpOn,
            plan.Version, shown, plan.AgreedVersion, plan.AgreedAt, plan.AgreedByName, plan.CreatedAt, plan.CreatedByName, plan.UpdatedAt,
            snapshot.Goals.Select(g => new Goal(g.Id, g.Kind, g.Text, g.Measure, g.TargetDate, g.Status, g.WrittenByName)).ToList(),
            activities,
            versions.Select(v => new VersionEntry(v.Version, v.At, v.ByName, v.ByResident, v.Change)).ToList(),
            comments.Select(c => new Comment(c.At, c.ByName, c.ByResident, c.Version, c.Text)).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents/{residentId:guid}/care-plan", async (Guid residentId, int? version, HttpContext http, GetCarePlan handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), version, ct)
                    ?? throw ProblemException.NotFound("residentId", "Personen har ingen plan än.")))
            .RequireAuthorization()
            .WithProblems()
            .WithTags("Plan (patientkontrakt)")
            .WithSummary("Personens plan: vad som är viktigt för personen, teamets mål, aktiviteter med ansvarig, datum, status och överenskommen tid, versioner, kommentarer och vilken version personen godkänt. version=N visar en tidigare version.");
}
