using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using static Nara.Modules.Triage.Fhir.TriageFhirMapping;
using Task = Hl7.Fhir.Model.Task;

namespace Nara.Modules.Triage.Fhir;

/// <summary>
/// A case sent to a unit as a Task (id = the case's id): status requested / in-progress / completed, intent order,
/// priority stat (Ring112, AkutNu), urgent (VardIdag) or routine; for = the Patient, owner = the unit's Organization,
/// focus = the QuestionnaireResponse with the answers, code = the complaint, note = the resident's own words; a closed
/// case has the clinician's urgency as output. Staff see the cases of their own unit; residents their own and their
/// children's. Reads and searches are audited through <see cref="ResidentAccess"/>.
/// </summary>
internal sealed class TaskResource(NaraDbContext db, ResidentAccess access, IResidentDirectory residents) : IFhirTaskSource
{
    public const string AuditResource = "FHIR Task (En väg in)";

    public string Kind => "triage-case";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return null;
        }
        var c = await db.Set<TriageCase>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == new TriageCaseId(guid), ct);
        if (c is null)
        {
            return null;
        }
        await access.RequireAsync(actor, c.ResidentId, CaseViews.CaseAccess(AuditResource, AuditAction.Read, c.UnitId), ct);
        return Map(c);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var owner = FhirIds.FromSearch<UnitId>(search, "owner", "Organization");
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient");
        var status = search.Token("status")?.Code switch
        {
            null => (CaseStatus?)null,
            "requested" => CaseStatus.Ny,
            "in-progress" => CaseStatus.Pagaende,
            "completed" => CaseStatus.Stangd,
            var other => throw FhirException.BadParameter("status", $"'{other}' stöds inte; använd requested, in-progress eller completed."),
        };
        var query = db.Set<TriageCase>().AsNoTracking();
        if (actor.IsResident)
        {
            var people = new List<ResidentId> { actor.ResidentId };
            people.AddRange((await residents.ChildrenAsync(actor.ResidentId, ct)).Select(c => c.Id));
            query = query.Where(c => people.Contains(c.ResidentId));
        }
        else
        {
            if (actor.Unit is not { } unit || (owner is { } o && o != unit))
            {
                throw FhirException.Forbidden("Personal ser bara ärenden till den enhet de arbetar på.");
            }
            query = query.Where(c => c.UnitId == unit);
        }
        if (patient is { } p)
        {
            query = query.Where(c => c.ResidentId == p);
            await access.RequireNamedAsync(actor, p, AuditResource, unitHoldsRecords: !actor.IsResident && await query.AnyAsync(ct), ct);
        }
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }
        // Access as a query: the rules narrow the cases in the database, so paging and the total are the database's too.
        // Each case shown is audited with the basis the rules give (a resident's own case, a guardian's, or a care
        // relationship at the unit), not an assumed one.
        query = access.WhereAllowed(query, c => c.ResidentId, actor);
        var rows = search.Count == 0 ? [] : await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id)
            .Skip(search.Offset).Take(search.Count + 1).ToListAsync(ct);
        var more = rows.Count > search.Count;
        var cases = rows.Take(search.Count).ToList();
        var grants = await access.GrantsAsync(actor, cases.Select(c => (c.ResidentId, (UnitId?)null)).Distinct().ToList(), new AccessRequest(AuditResource, AuditAction.Search), ct);
        var shown = grants.Select(g => g.Resident).ToHashSet();
        cases = cases.Where(c => shown.Contains(c.ResidentId)).ToList();
        int? total = search.WantsTotal ? await query.CountAsync(ct) : null;
        await access.AuditAllAsync(grants, null, ct);
        if (cases.Count == 0)
        {
            await access.AuditSearchAsync(actor, null, AuditResource, ct);
        }
        return new FhirPage(cases.Select(c => (Resource)Map(c)).ToList(), total, more);
    }

    private static Task Map(TriageCase c)
    {
        var summary = CaseViews.Summary(c);
        var modified = new[] { c.CreatedAt, c.TakenAt, c.FirstContactAt, c.ClosedAt }.OfType<DateTimeOffset>().Max();
        var task = new Task
        {
            Id = FhirIds.Of(c.Id),
            Status = c.Status switch { CaseStatus.Ny => Task.TaskStatus.Requested, CaseStatus.Pagaende => Task.TaskStatus.InProgress, _ => Task.TaskStatus.Completed },
            Intent = Task.TaskIntent.Order,
            Priority = Priority(c.EngineUrgency),
            Code = new CodeableConcept(ComplaintSystem, c.ComplaintId, summary.ComplaintTitle),
            Description = summary.ComplaintTitle,
            For = FhirIds.Reference("Patient", c.ResidentId),
            Requester = new ResourceReference($"Patient/{c.SentBy:D}"),
            Owner = FhirIds.Reference("Organization", c.UnitId),
            Focus = new ResourceReference($"QuestionnaireResponse/{c.AssessmentId:D}"),
            AuthoredOn = Instant(c.CreatedAt),
            LastModified = Instant(modified),
            Meta = new Meta { LastUpdated = modified },
        };
        task.Extension.Add(new Extension(FhirSystems.NaraExtension("triage-engine-urgency"), Urgency(c.EngineUrgency)));
        if (c.ResidentMessage is { } message)
        {
            task.Note.Add(new Annotation { Text = new Markdown(message) });
        }
        if (c.ClinicianUrgency is { } clinician)
        {
            task.Output.Add(new Task.OutputComponent
            {
                Type = new CodeableConcept { Text = "Klinikerns bedömning av angelägenhetsgraden" },
                Value = Urgency(clinician),
            });
        }
        return task;
    }
}
