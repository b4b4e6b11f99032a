using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Booking.Contracts;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Fhir;

/// <summary>
/// A person's plan (patientkontrakt) as a CarePlan: intent plan, subject the Patient, author the unit that holds it,
/// period from the start to the follow-up, the goals as Goal references, each activity as a detail (status, description,
/// performer, due date as the end of its scheduled period, and the agreed time's Appointment in an extension), the
/// comments as notes. Read (the open plan by its id) and search by patient, under the same access rules as the page
/// (the other principal's staff only with the person's consent), audited as "FHIR CarePlan".
/// </summary>
internal sealed class CarePlanResource(GetCarePlan plans) : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string AuditResource = "FHIR CarePlan";

    public static readonly string AgreedTimeExtension = FhirSystems.NaraExtension("agreed-time");

    public static string ResourceType => "CarePlan";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: personens plan. Krävs för personal; en invånare får utelämna den för sin egen."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var planId = FhirIds.Parse<CarePlanId>(ResourceType, id);
        var resident = await plans.ResidentOfPlanAsync(planId, ct) ?? throw FhirException.NotFound(ResourceType, id);
        var plan = await plans.HandleAsync(actor, resident, null, ct, AuditResource);
        return plan is not null && plan.Id == planId.Value ? Map(plan) : throw FhirException.NotFound(ResourceType, id);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems plan (patient=Patient/<id>)."));
        var plan = await plans.HandleAsync(actor, patient, null, ct, AuditResource, AuditAction.Search);
        var shown = plan is null || search.Count == 0 || search.Offset > 0 ? [] : new List<Resource> { Map(plan) };
        return new FhirPage(shown, search.WantsTotal ? (plan is null ? 0 : 1) : null, false);
    }

    internal static CarePlan Map(GetCarePlan.Plan plan)
    {
        var carePlan = new CarePlan
        {
            Id = plan.Id.ToString("D"),
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = "Plan (patientkontrakt)",
            Subject = FhirIds.Reference("Patient", new ResidentId(plan.ResidentId)),
            Period = new Period { Start = plan.StartsOn.ToString("yyyy-MM-dd"), End = plan.FollowUpOn?.ToString("yyyy-MM-dd") },
            Created = plan.CreatedAt.ToString("o"),
            Author = new ResourceReference($"Organization/{plan.UnitId:D}", plan.UnitName),
            Meta = new Meta { VersionId = plan.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = plan.UpdatedAt },
        };
        foreach (var g in plan.Goals)
        {
            carePlan.Goal.Add(new ResourceReference($"Goal/{g.Id:D}", g.Text.Length > 80 ? g.Text[..80] : g.Text));
        }
        foreach (var a in plan.Activities)
        {
            var detail = new CarePlan.DetailComponent
            {
                Status = a.Status switch
                {
                    ActivityStatus.Pagar => CarePlan.CarePlanActivityStatus.InProgress,
                    ActivityStatus.Klar => CarePlan.CarePlanActivityStatus.Completed,
                    ActivityStatus.Installd => CarePlan.CarePlanActivityStatus.Cancelled,
                    _ => a.AgreedTime is { Status: AppointmentStatus.Bokad } ? CarePlan.CarePlanActivityStatus.Scheduled : CarePlan.CarePlanActivityStatus.NotStarted,
                },
                Description = a.Details is null ? a.Title : $"{a.Title}. {a.Details}",
                Scheduled = new Period { Start = a.AgreedTime?.Start.ToString("o"), End = a.DueOn.ToString("yyyy-MM-dd") },
            };
            detail.Performer.Add(a.OwnerStaffId is { } staff ? new ResourceReference($"Practitioner/{staff:D}", a.OwnerStaffName) : new ResourceReference($"Organization/{a.OwnerUnitId:D}", a.OwnerUnitName));
            if (a.GoalId is { } goal)
            {
                detail.Goal.Add(new ResourceReference($"Goal/{goal:D}"));
            }
            if (a.AgreedTime is { } time)
            {
                detail.Extension.Add(new Extension(AgreedTimeExtension, new ResourceReference($"Appointment/{time.AppointmentId:D}")));
            }
            carePlan.Activity.Add(new CarePlan.ActivityComponent { Detail = detail });
        }
        foreach (var c in plan.Comments)
        {
            carePlan.Note.Add(new Annotation { Author = new FhirString(c.ByName), Time = c.At.ToString("o"), Text = new Markdown(c.Text) });
        }
        return carePlan;
    }
}
