using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination;

/// <summary>
/// What the plan's use cases share: the audit resource and the access they declare, opening the person's plan with its
/// goals and activities, the rule that the other principal's staff see it only with the person's consent, and saving a
/// change as a new version with what the plan said then, audited in the same batch.
/// </summary>
internal static class CarePlans
{
    public const string AuditResource = "Plan (patientkontrakt)";

    /// <summary>Staff change the plan's activities, the team's goals and its dates.</summary>
    public static readonly AccessRequest StaffChange = AccessRequest.Write(AuditResource) with
    {
        StaffOnly = "Det är vårdteamet som ändrar aktiviteterna och teamets mål. Skriv en kommentar om du vill ändra något.",
        AuditWhenDone = true,
    };

    /// <summary>The person (or a guardian) and staff alike: own goals, comments.</summary>
    public static readonly AccessRequest Change = AccessRequest.Write(AuditResource) with { AuditWhenDone = true };

    /// <summary>Only the person or a guardian agrees to the plan.</summary>
    public static readonly AccessRequest Agreement = AccessRequest.Write(AuditResource) with
    {
        ResidentsOnly = "Det är personen själv (eller en vårdnadshavare) som godkänner planen.",
        AuditWhenDone = true,
    };

    public const int MaxGoals = 30;
    public const int MaxActivities = 60;

    /// <summary>The person's open plan with its goals and activities, tracked for a change; 404 when there is none.</summary>
    public static async Task<PlanState> OpenAsync(NaraDbContext db, ResidentId resident, CancellationToken ct)
    {
        var plan = await db.Set<CarePlan>().FirstOrDefaultAsync(p => p.ResidentId == resident && p.EndedAt == null, ct)
            ?? throw ProblemException.NotFound("residentId", "Personen har ingen plan än.");
        var goals = await db.Set<PlanGoal>().Where(g => g.PlanId == plan.Id).ToListAsync(ct);
        var activities = await db.Set<PlanActivity>().Where(a => a.PlanId == plan.Id).ToListAsync(ct);
        return new PlanState(plan, goals, activities);
    }

    /// <summary>The person's open plan for a change by <paramref name="actor"/>: <see cref="OpenAsync"/> and <see cref="RequireVisibleAsync"/>.</summary>
    public static async Task<PlanState> OpenVisibleAsync(NaraDbContext db, ResidentAccess access, Actor actor, ResidentId resident, CancellationToken ct)
    {
        var state = await OpenAsync(db, resident, ct);
        await RequireVisibleAsync(access, actor, state.Plan, AuditAction.Write, ct);
        return state;
    }

    /// <summary>
    /// The plan is the record of the unit that holds it: staff of the other principal (region or municipality) see it only
    /// when the person has consented to sharing in that direction, as everything else of that principal's. The refusal
    /// is audited.
    /// </summary>
    public static async Task RequireVisibleAsync(ResidentAccess access, Actor actor, CarePlan plan, AuditAction action, CancellationToken ct)
    {
        if (actor.IsResident || !(await access.HiddenUnitsAsync(actor, plan.ResidentId, ct)).Contains(plan.UnitId))
        {
            return;
        }
        await access.AuditRefusalAsync(actor, plan.ResidentId, AuditResource, action, ct);
        throw ProblemException.Forbidden(
            "Planen förs av den andra huvudmannen (region eller kommun). Du ser den när personen har samtyckt till att uppgifterna delas med er.");
    }

    /// <summary>
    /// Saves a change as the next version (or the first, for a new plan): the version row with what the plan now says,
    /// the audit event and the change itself in one batch, all or nothing. Someone else's change in between is a 409.
    /// </summary>
    public static async Task SaveAsync(NaraDbContext db, PlanState state, AccessGrant grant, string change, DateTimeOffset now, CancellationToken ct, bool first = false)
    {
        var plan = state.Plan;
        if (!first)
        {
            plan.Version++;
            plan.ConcurrencyToken++;
        }
        plan.UpdatedAt = now;
        db.Add(new PlanVersion
        {
            PlanId = plan.Id, Version = plan.Version, At = now, ByName = grant.Actor.Name, ByResident = grant.Actor.IsResident,
            Change = change.Length > 400 ? change[..400] : change, Snapshot = JsonSerializer.Serialize(Snapshot(state)),
        });
        using (db.CollectWrites())
        {
            await grant.AuditAsync(change, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("version", "Någon annan ändrade planen samtidigt. Ladda om sidan och försök igen.");
            }
            catch (DbUpdateException e) when (UniqueViolation.IsOn<CarePlan>(db, e, Data.CarePlanConfiguration.OneOpenPlan))
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("residentId", "Personen har redan en plan. Ladda om sidan.");
            }
        }
    }

    /// <summary>What the plan says, as stored with each version.</summary>
    public static PlanSnapshot Snapshot(PlanState state) => new(
        state.Plan.StartsOn, state.Plan.FollowUpOn,
        state.Goals.OrderBy(g => g.Kind).ThenBy(g => g.WrittenAt).Select(g => new GoalSnapshot(g.Id.Value, g.Kind, g.Text, g.Measure, g.TargetDate, g.Status, g.WrittenByName)).ToList(),
        state.Activities.OrderBy(a => a.DueOn).ThenBy(a => a.CreatedAt)
            .Select(a => new ActivitySnapshot(a.Id.Value, a.Title, a.Details, a.OwnerUnitId.Value, a.OwnerStaffId?.Value, a.DueOn, a.Status, a.NeedsAgreedTime, a.AppointmentId?.Value, a.GoalId?.Value))
            .ToList());

    public static PlanSnapshot? ReadSnapshot(string json) => JsonSerializer.Deserialize<PlanSnapshot>(json);

    public static string StatusText(ActivityStatus status) => status switch
    {
        ActivityStatus.Pagar => "pågår",
        ActivityStatus.Klar => "klar",
        ActivityStatus.Installd => "inställd",
        _ => "planerad",
    };
}

/// <summary>A plan with its goals and activities, tracked.</summary>
internal sealed record PlanState(CarePlan Plan, List<PlanGoal> Goals, List<PlanActivity> Activities);

/// <summary>What a plan said at one version.</summary>
public sealed record PlanSnapshot(DateOnly StartsOn, DateOnly? FollowUpOn, IReadOnlyList<GoalSnapshot> Goals, IReadOnlyList<ActivitySnapshot> Activities);

/// <summary>A goal as it stood at a version.</summary>
public sealed record GoalSnapshot(Guid Id, GoalKind Kind, string Text, string? Measure, DateOnly? TargetDate, GoalStatus Status, string WrittenByName);

/// <summary>An activity as it stood at a version.</summary>
public sealed record ActivitySnapshot(Guid Id, string Title, string? Details, Guid OwnerUnitId, Guid? OwnerStaffId, DateOnly DueOn, ActivityStatus Status,
    bool NeedsAgreedTime, Guid? AppointmentId, Guid? GoalId);
