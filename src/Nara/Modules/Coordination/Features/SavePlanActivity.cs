using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// Staff plan an activity across units (what, which unit and perhaps who there, by when, whether it needs a time agreed
/// with the person, the goal it serves) and later change it or set where it stands. An activity due before the plan
/// starts is refused. Each change is a new version of the plan, audited; an activity whose day passes while open shows
/// on the worklist of its owner and of the person's fixed care contact.
/// </summary>
public sealed class SavePlanActivity(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    /// <param name="Title">What (at most 200 characters).</param>
    /// <param name="Details">More about it (at most 1,000 characters).</param>
    /// <param name="OwnerUnitId">The unit that does it; your own if left out.</param>
    /// <param name="OwnerStaffId">The member of staff there who does it, if named.</param>
    /// <param name="DueOn">By when; not before the plan starts, within three years.</param>
    /// <param name="NeedsAgreedTime">True when a time is to be agreed with the person (booked from the plan).</param>
    /// <param name="GoalId">The goal in the plan it serves.</param>
    /// <param name="Status">Where it stands (when changing an activity).</param>
    public sealed record Request(string? Title, string? Details, Guid? OwnerUnitId, Guid? OwnerStaffId, DateOnly? DueOn, bool? NeedsAgreedTime, Guid? GoalId, ActivityStatus? Status);

    public async Task<Guid> AddAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, CarePlans.StaffChange, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        if (state.Activities.Count >= CarePlans.MaxActivities)
        {
            throw ProblemException.Invalid("title", $"En plan kan ha högst {CarePlans.MaxActivities} aktiviteter.");
        }
        var checkedRequest = await CheckAsync(actor, state, request, ct);
        var now = time.GetUtcNow();
        var activity = new PlanActivity
        {
            PlanId = state.Plan.Id, Title = checkedRequest.Title, Details = checkedRequest.Details, OwnerUnitId = checkedRequest.Unit.Id, OwnerStaffId = checkedRequest.Staff,
            DueOn = checkedRequest.DueOn, NeedsAgreedTime = request.NeedsAgreedTime ?? false, GoalId = checkedRequest.Goal, Status = request.Status ?? ActivityStatus.Planerad, CreatedAt = now,
        };
        db.Add(activity);
        state.Activities.Add(activity);
        await CarePlans.SaveAsync(db, state, grant, $"Aktivitet tillagd: {activity.Title} ({checkedRequest.Unit.Name}, senast {activity.DueOn:yyyy-MM-dd})", now, ct);
        return activity.Id.Value;
    }

    public async Task ChangeAsync(Actor actor, ResidentId resident, PlanActivityId id, Request request, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, CarePlans.StaffChange, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        var activity = state.Activities.FirstOrDefault(a => a.Id == id) ?? throw ProblemException.NotFound("activityId", "Aktiviteten finns inte i planen.");
        var c = await CheckAsync(actor, state, request with { OwnerUnitId = request.OwnerUnitId ?? activity.OwnerUnitId.Value }, ct);
        if (activity.AppointmentId is not null && c.Unit.Id != activity.OwnerUnitId)
        {
            throw ProblemException.Invalid("ownerUnitId", "Aktiviteten har en bokad tid på sin enhet. Avboka tiden innan aktiviteten flyttas till en annan enhet.");
        }
        (activity.Title, activity.Details, activity.OwnerUnitId, activity.OwnerStaffId, activity.DueOn, activity.GoalId) = (c.Title, c.Details, c.Unit.Id, c.Staff, c.DueOn, c.Goal);
        activity.NeedsAgreedTime = request.NeedsAgreedTime ?? activity.NeedsAgreedTime;
        var statusChanged = request.Status is { } status && status != activity.Status;
        activity.Status = request.Status ?? activity.Status;
        await CarePlans.SaveAsync(db, state, grant,
            statusChanged ? $"Aktivitet {CarePlans.StatusText(activity.Status)}: {activity.Title}" : $"Aktivitet ändrad: {activity.Title}", time.GetUtcNow(), ct);
    }

    private sealed record Checked(string Title, string? Details, UnitSummary Unit, StaffId? Staff, DateOnly DueOn, PlanGoalId? Goal);

    private async Task<Checked> CheckAsync(Actor actor, PlanState state, Request request, CancellationToken ct)
    {
        var title = InputText.Optional(request.Title, "title", 200, "Aktiviteten") ?? throw ProblemException.Invalid("title", "Skriv vad som ska göras.");
        var details = InputText.Optional(request.Details, "details", 1000, "Beskrivningen");
        var unitId = request.OwnerUnitId is { } u ? new UnitId(u) : actor.Unit ?? throw ProblemException.Invalid("ownerUnitId", "Välj vilken enhet som ansvarar.");
        var unit = await organisation.GetUnitAsync(unitId, ct) ?? throw ProblemException.Invalid("ownerUnitId", "Välj en enhet som finns.");
        StaffId? staff = null;
        if (request.OwnerStaffId is { } s)
        {
            var who = await organisation.GetStaffAsync(new StaffId(s), ct);
            if (who is null || !who.Units.Contains(unit.Id))
            {
                throw ProblemException.Invalid("ownerStaffId", $"Personen arbetar inte på {unit.Name}. Välj någon där, eller låt enheten ansvara.");
            }
            staff = who.Id;
        }
        if (request.DueOn is not { } due)
        {
            throw ProblemException.Invalid("dueOn", "Ange när aktiviteten ska vara klar.");
        }
        if (due < state.Plan.StartsOn)
        {
            throw ProblemException.Invalid("dueOn", $"Aktiviteten kan inte vara klar före planens start ({state.Plan.StartsOn:yyyy-MM-dd}).");
        }
        if (due > state.Plan.StartsOn.AddYears(3))
        {
            throw ProblemException.Invalid("dueOn", "Aktiviteten ska vara klar inom tre år från planens start.");
        }
        PlanGoalId? goal = null;
        if (request.GoalId is { } g)
        {
            goal = state.Goals.FirstOrDefault(x => x.Id.Value == g)?.Id ?? throw ProblemException.Invalid("goalId", "Målet finns inte i planen.");
        }
        return new Checked(title, details, unit, staff, due, goal);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/residents/{residentId:guid}/care-plan/activities").RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithWriteLimit().WithTags("Plan (patientkontrakt)");
        group.MapPost("", async (Guid residentId, Request request, HttpContext http, SavePlanActivity handler, CancellationToken ct) =>
                TypedResults.Created($"/api/residents/{residentId}/care-plan", new { id = await handler.AddAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct) }))
            .WithSummary("Planera en aktivitet: title, ownerUnitId (din enhet annars) och ownerStaffId, dueOn (inte före planens start), needsAgreedTime, goalId.");
        group.MapPut("/{activityId:guid}", async (Guid residentId, Guid activityId, Request request, HttpContext http, SavePlanActivity handler, CancellationToken ct) =>
            {
                await handler.ChangeAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new PlanActivityId(activityId), request, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Ändra en aktivitet eller dess status (Planerad, Pagar, Klar, Installd).");
    }
}
