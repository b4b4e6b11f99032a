using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Fhir;

/// <summary>
/// The goals of a person's open plan as Goal: the person's own goals expressed by the Patient (in their words), the
/// team's by the unit that holds the plan, with the measure and the target date as a target. Read and search by patient
/// under the plan's access rules, audited as "FHIR Goal".
/// </summary>
internal sealed class GoalResource(GetCarePlan plans) : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string AuditResource = "FHIR Goal";

    public static readonly string KindSystem = FhirSystems.NaraCodeSystem("goal-kind");

    public static string ResourceType => "Goal";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: målen i personens plan. Krävs för personal; en invånare får utelämna den för sina egna."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var goalId = FhirIds.Parse<PlanGoalId>(ResourceType, id);
        var resident = await plans.ResidentOfGoalAsync(goalId, ct) ?? throw FhirException.NotFound(ResourceType, id);
        var plan = await plans.HandleAsync(actor, resident, null, ct, AuditResource);
        var goal = plan?.Goals.FirstOrDefault(g => g.Id == goalId.Value) ?? throw FhirException.NotFound(ResourceType, id);
        return Map(plan!, goal);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems mål (patient=Patient/<id>)."));
        var plan = await plans.HandleAsync(actor, patient, null, ct, AuditResource, AuditAction.Search);
        var goals = plan?.Goals ?? [];
        var page = goals.Skip(search.Offset).Take(search.Count).Select(g => (Resource)Map(plan!, g)).ToList();
        return new FhirPage(page, search.WantsTotal ? goals.Count : null, search.Offset + page.Count < goals.Count);
    }

    private static Goal Map(GetCarePlan.Plan plan, GetCarePlan.Goal g)
    {
        var goal = new Goal
        {
            Id = g.Id.ToString("D"),
            LifecycleStatus = g.Status switch
            {
                GoalStatus.Pagar => Goal.GoalLifecycleStatus.Active,
                GoalStatus.Avslutat => Goal.GoalLifecycleStatus.Cancelled,
                _ => Goal.GoalLifecycleStatus.Completed,
            },
            AchievementStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/goal-achievement", g.Status switch
            {
                GoalStatus.Uppnatt => "achieved",
                GoalStatus.DelvisUppnatt => "improving",
                GoalStatus.EjUppnatt => "not-achieved",
                _ => "in-progress",
            }),
            Description = new CodeableConcept { Text = g.Text },
            Subject = FhirIds.Reference("Patient", new ResidentId(plan.ResidentId)),
            ExpressedBy = g.Kind == GoalKind.Egen ? FhirIds.Reference("Patient", new ResidentId(plan.ResidentId)) : new ResourceReference($"Organization/{plan.UnitId:D}", plan.UnitName),
            Category = [new CodeableConcept(KindSystem, g.Kind.ToString(), g.Kind == GoalKind.Egen ? "Personens eget mål" : "Teamets mål")],
        };
        if (g.Measure is not null || g.TargetDate is not null)
        {
            goal.Target.Add(new Goal.TargetComponent
            {
                Measure = g.Measure is null ? null : new CodeableConcept { Text = g.Measure },
                Due = g.TargetDate is { } due ? new Date(due.ToString("yyyy-MM-dd")) : null,
            });
        }
        return goal;
    }
}
