using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Coordination.Features;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Task = Hl7.Fhir.Model.Task;

namespace Nara.Modules.Coordination.Fhir;

/// <summary>
/// The activities of a person's open plan as Task (<c>kind=plan-activity</c>): basedOn the CarePlan, for the Patient,
/// owner the unit (and the member of staff) that carries it out, the due date as the restriction's period end, status
/// requested / in-progress / completed / cancelled. Read and search by patient under the plan's access rules, audited.
/// </summary>
internal sealed class PlanActivityTasks(GetCarePlan plans) : IFhirTaskSource
{
    public const string AuditResource = "FHIR Task (plan)";

    public string Kind => "plan-activity";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid) || await plans.ResidentOfActivityAsync(new PlanActivityId(guid), ct) is not { } resident)
        {
            return null;
        }
        var plan = await plans.HandleAsync(actor, resident, null, ct, AuditResource);
        return plan?.Activities.FirstOrDefault(a => a.Id == guid) is { } activity ? Map(plan, activity) : null;
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems planaktiviteter (patient=Patient/<id>)."));
        var plan = await plans.HandleAsync(actor, patient, null, ct, AuditResource, AuditAction.Search);
        var status = search.Token("status")?.Code;
        var all = (plan?.Activities ?? []).Select(a => Map(plan!, a)).Where(t => status is null || t.Status?.ToString().Equals(status.Replace("-", ""), StringComparison.OrdinalIgnoreCase) == true).ToList();
        var page = all.Skip(search.Offset).Take(search.Count).Select(t => (Resource)t).ToList();
        return new FhirPage(page, search.WantsTotal ? all.Count : null, search.Offset + page.Count < all.Count);
    }

    private static Task Map(GetCarePlan.Plan plan, GetCarePlan.Activity a)
    {
        var task = new Task
        {
            Id = a.Id.ToString("D"),
            Status = a.Status switch
            {
                ActivityStatus.Pagar => Task.TaskStatus.InProgress,
                ActivityStatus.Klar => Task.TaskStatus.Completed,
                ActivityStatus.Installd => Task.TaskStatus.Cancelled,
                _ => Task.TaskStatus.Requested,
            },
            Intent = Task.TaskIntent.Plan,
            Description = a.Title,
            BasedOn = [new ResourceReference($"CarePlan/{plan.Id:D}")],
            For = FhirIds.Reference("Patient", new ResidentId(plan.ResidentId)),
            Owner = a.OwnerStaffId is { } staff ? new ResourceReference($"Practitioner/{staff:D}", a.OwnerStaffName) : new ResourceReference($"Organization/{a.OwnerUnitId:D}", a.OwnerUnitName),
            Restriction = new Task.RestrictionComponent { Period = new Period { End = a.DueOn.ToString("yyyy-MM-dd") } },
        };
        task.Code = new CodeableConcept(FhirSystems.NaraCodeSystem("task-kind"), "plan-activity", "Aktivitet i planen");
        if (a.Details is not null)
        {
            task.Note.Add(new Annotation { Text = new Markdown(a.Details) });
        }
        return task;
    }
}

/// <summary>
/// The steps of a person's care pathways as Task (<c>kind=pathway-step</c>, id = the enrolment's id without hyphens, a
/// hyphen and the step's id): the pathway and step as code, the deadline as the restriction's period end, status
/// requested (ahead), completed (done), with the step's status (on time, at risk, late) in the extension
/// <c>pathway-step-status</c>. Read and search by patient for those with access to the person, audited.
/// </summary>
internal sealed class PathwayStepTasks(NaraDbContext db, ResidentAccess access, GetResidentPathways pathways) : IFhirTaskSource
{
    public const string AuditResource = "FHIR Task (vårdförlopp)";

    public static readonly string StatusExtension = FhirSystems.NaraExtension("pathway-step-status");

    public string Kind => "pathway-step";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (id.Length < 34 || id[32] != '-' || !Guid.TryParseExact(id[..32], "N", out var enrolmentId))
        {
            return null;
        }
        var resident = await db.Set<PathwayEnrolment>().AsNoTracking().Where(e => e.Id == new PathwayEnrolmentId(enrolmentId)).Select(e => (ResidentId?)e.ResidentId).FirstOrDefaultAsync(ct);
        if (resident is not { } person)
        {
            return null;
        }
        var grant = await access.RequireAsync(actor, person, AccessRequest.Read(AuditResource) with { AuditWhenDone = true }, ct);
        var enrolment = (await pathways.HandleAsync(person, ct)).FirstOrDefault(e => e.Id == enrolmentId);
        var step = enrolment?.Steps.FirstOrDefault(s => s.Id == id[33..]);
        if (enrolment is null || step is null)
        {
            return null;
        }
        await grant.AuditAsync(null, ct);
        return Map(person, enrolment, step);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems vårdförlopp (patient=Patient/<id>)."));
        var grant = await access.RequireAsync(actor, patient, new AccessRequest(AuditResource, AuditAction.Search) { AuditWhenDone = true }, ct);
        var all = (await pathways.HandleAsync(patient, ct)).Where(e => !e.Ended).SelectMany(e => e.Steps.Select(s => Map(patient, e, s))).ToList();
        await grant.AuditAsync(null, ct);
        var page = all.Skip(search.Offset).Take(search.Count).Select(t => (Resource)t).ToList();
        return new FhirPage(page, search.WantsTotal ? all.Count : null, search.Offset + page.Count < all.Count);
    }

    private static Task Map(ResidentId person, GetResidentPathways.Enrolment e, GetResidentPathways.Step s)
    {
        var task = new Task
        {
            Id = $"{e.Id:N}-{s.Id}",
            Status = s.DoneOn is not null ? Task.TaskStatus.Completed : Task.TaskStatus.Requested,
            Intent = Task.TaskIntent.Plan,
            Code = new CodeableConcept(FhirSystems.NaraCodeSystem("pathway-step"), $"{e.PathwayId}/{s.Id}", s.Title),
            Description = $"{e.Title}: {s.Title}",
            For = FhirIds.Reference("Patient", person),
            Owner = new ResourceReference { Display = e.UnitName },
        };
        if (s.Deadline is { } deadline)
        {
            task.Restriction = new Task.RestrictionComponent { Period = new Period { End = deadline.ToString("yyyy-MM-dd") } };
        }
        if (s.Status is { } status)
        {
            task.Extension.Add(new Extension(StatusExtension, new Code(status.ToString())));
        }
        return task;
    }
}
