using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// A goal in the plan. The person (or a guardian) writes their own goals in their own words ("Vad är viktigt för dig?")
/// and may change them; staff write the team's goals with a measure and a date, write an own goal down for the person,
/// and set where each goal stands. Each change is a new version of the plan, audited.
/// </summary>
public sealed class WritePlanGoal(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Kind">Egen (the person's own, the default) or Teamets (the team's, staff only).</param>
    /// <param name="Text">The goal (at most 1,000 characters).</param>
    /// <param name="Measure">How a team goal is measured (at most 400 characters).</param>
    /// <param name="TargetDate">By when; not before the plan starts.</param>
    /// <param name="Status">Where it stands (when changing a goal).</param>
    public sealed record Request(GoalKind? Kind, string? Text, string? Measure, DateOnly? TargetDate, GoalStatus? Status);

    public async Task<Guid> AddAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var kind = request.Kind ?? GoalKind.Egen;
        var grant = await access.RequireAsync(actor, resident, kind == GoalKind.Teamets ? CarePlans.StaffChange : CarePlans.Change, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        if (state.Goals.Count >= CarePlans.MaxGoals)
        {
            throw ProblemException.Invalid("text", $"En plan kan ha högst {CarePlans.MaxGoals} mål. Avsluta eller ändra ett mål i stället.");
        }
        var (text, measure) = Check(state.Plan, kind, request);
        var now = time.GetUtcNow();
        var goal = new PlanGoal
        {
            PlanId = state.Plan.Id, Kind = kind, Text = text, Measure = measure, TargetDate = request.TargetDate, Status = request.Status ?? GoalStatus.Pagar,
            WrittenAt = now, WrittenByName = actor.Name, WrittenByResident = actor.IsResident,
        };
        db.Add(goal);
        state.Goals.Add(goal);
        await CarePlans.SaveAsync(db, state, grant, kind == GoalKind.Egen ? "Eget mål tillagt" : "Teamets mål tillagt", now, ct);
        return goal.Id.Value;
    }

    public async Task ChangeAsync(Actor actor, ResidentId resident, PlanGoalId id, Request request, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, CarePlans.Change, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        var goal = state.Goals.FirstOrDefault(g => g.Id == id) ?? throw ProblemException.NotFound("goalId", "Målet finns inte i planen.");
        if (actor.IsResident && goal.Kind != GoalKind.Egen)
        {
            throw ProblemException.Forbidden("Teamets mål ändras av vårdteamet. Skriv en kommentar om du vill ändra något.");
        }
        if (request.Kind is { } kind && kind != goal.Kind)
        {
            throw ProblemException.Invalid("kind", "Ett mål kan inte byta mellan eget och teamets. Lägg till ett nytt mål i stället.");
        }
        var (text, measure) = Check(state.Plan, goal.Kind, request);
        goal.Text = text;
        goal.Measure = measure;
        goal.TargetDate = request.TargetDate;
        goal.Status = request.Status ?? goal.Status;
        await CarePlans.SaveAsync(db, state, grant, $"Mål ändrat ({Describe(goal.Status)})", time.GetUtcNow(), ct);
    }

    private static (string Text, string? Measure) Check(CarePlan plan, GoalKind kind, Request request)
    {
        var text = InputText.Optional(request.Text, "text", 1000, "Målet") ?? throw ProblemException.Invalid("text", "Skriv målet.");
        var measure = InputText.Optional(request.Measure, "measure", 400, "Hur målet mäts");
        if (kind == GoalKind.Egen && measure is not null)
        {
            throw ProblemException.Invalid("measure", "Ett eget mål står med personens egna ord, utan mått. Lägg ett mätbart mål som teamets mål.");
        }
        if (request.TargetDate is { } target && target < plan.StartsOn)
        {
            throw ProblemException.Invalid("targetDate", "Måldatumet kan inte ligga före planens start.");
        }
        return (text, measure);
    }

    private static string Describe(GoalStatus status) => status switch
    {
        GoalStatus.Uppnatt => "uppnått",
        GoalStatus.DelvisUppnatt => "delvis uppnått",
        GoalStatus.EjUppnatt => "ej uppnått",
        GoalStatus.Avslutat => "avslutat",
        _ => "pågår",
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/residents/{residentId:guid}/care-plan/goals").RequireAuthorization().WithProblems().WithWriteLimit().WithTags("Plan (patientkontrakt)");
        group.MapPost("", async (Guid residentId, Request request, HttpContext http, WritePlanGoal handler, CancellationToken ct) =>
                TypedResults.Created($"/api/residents/{residentId}/care-plan", new { id = await handler.AddAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct) }))
            .WithSummary("Lägg till ett mål: kind Egen (personens eget, med egna ord; personen själv eller personal) eller Teamets (personal; measure och targetDate).");
        group.MapPut("/{goalId:guid}", async (Guid residentId, Guid goalId, Request request, HttpContext http, WritePlanGoal handler, CancellationToken ct) =>
            {
                await handler.ChangeAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), new PlanGoalId(goalId), request, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Ändra ett mål och var det står (status). Personen ändrar sina egna mål, personalen alla.");
    }
}
