using System.Globalization;
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

namespace Nara.Modules.Triage.Fhir;

/// <summary>
/// A symptom assessment as a QuestionnaireResponse (id = the assessment's id). One item per answer in the order given:
/// linkId is the question id, text the Swedish question; yes/no as valueBoolean ("vet inte" as valueCoding
/// <c>triage-answer|vet_inte</c>), choices as valueCoding (code = option id), numbers as valueQuantity with the unit.
/// A completed response carries the engine's outcome in the <c>triage-outcome</c> extension. Reads and searches go
/// through <see cref="ResidentAccess"/> and are audited.
/// </summary>
internal sealed class QuestionnaireResponseResource(NaraDbContext db, ResidentAccess access, TriageEngine engine, IResidentDirectory residents)
    : IFhirSource
{
    public const string AuditResource = "FHIR QuestionnaireResponse";

    public string ResourceType => "QuestionnaireResponse";

    public async Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            throw FhirException.MalformedId(ResourceType, id, "förväntade ett GUID");
        }
        // An assessment that names nobody (for someone else, or made before signing in) is not part of anyone's record.
        var assessment = await db.Set<Assessment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == new AssessmentId(guid) && a.SubjectId != null, ct)
            ;
        if (assessment is null)
        {
            return null;
        }
        await access.RequireAsync(actor, assessment.SubjectId!.Value, AccessRequest.Read(AuditResource), ct);
        return Map(assessment);
    }

    public async Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        // A search for another questionnaire's responses (a rating instrument's) is not this source's.
        if (search.Reference("questionnaire") is { } questionnaire && !questionnaire.Id.StartsWith(QuestionnaireResource.IdPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var subject = FhirIds.FromSearch<ResidentId>(search, "subject", "Patient");
        var status = search.Token("status")?.Code switch
        {
            null => (AssessmentStatus?)null,
            "in-progress" => AssessmentStatus.Pagaende,
            "completed" => AssessmentStatus.Klar,
            var other => throw FhirException.BadParameter("status", $"'{other}' stöds inte; använd in-progress eller completed."),
        };
        var people = new List<ResidentId>();
        if (subject is { } s)
        {
            people.Add(s);
        }
        else if (actor.IsResident)
        {
            people.Add(actor.ResidentId);
            people.AddRange((await residents.ChildrenAsync(actor.ResidentId, ct)).Select(c => c.Id));
        }
        else
        {
            throw FhirException.BadParameter("subject", "Personal söker bedömningar för en person i taget: ange subject=Patient/<id>.");
        }
        var found = new List<Assessment>();
        foreach (var person in people)
        {
            // A named subject is required (refused and audited when not allowed); the resident's own family is what they may see.
            var wanted = new AccessRequest(AuditResource, AuditAction.Search) with { AuditWhenDone = true };
            var grant = subject is not null
                ? await access.RequireAsync(actor, person, wanted, ct)
                : await access.GrantOrNullAsync(actor, person, wanted, ct);
            if (grant is null)
            {
                continue;
            }
            var id = person;
            var query = db.Set<Assessment>().AsNoTracking().Where(a => a.SubjectId == id);
            if (status is { } st)
            {
                query = query.Where(a => a.Status == st);
            }
            var list = await query.ToListAsync(ct);
            await grant.AuditAsync(null, ct);
            found.AddRange(list);
        }
        var ordered = found.OrderByDescending(a => a.StartedAt).ToList();
        return new FhirPage(ordered.Skip(search.Offset).Take(search.Count).Select(Map).ToList<Resource>(), ordered.Count);
    }

    private QuestionnaireResponse Map(Assessment assessment)
    {
        var response = new QuestionnaireResponse
        {
            Id = FhirIds.Of(assessment.Id),
            Status = assessment.Status == AssessmentStatus.Klar ? QuestionnaireResponse.QuestionnaireResponseStatus.Completed : QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
            Subject = FhirIds.Reference("Patient", assessment.SubjectId!.Value),
            Author = assessment.AnsweredBy is { } author ? new ResourceReference($"Patient/{author:D}") : null,
            Authored = Instant(assessment.StartedAt),
            Questionnaire = QuestionnaireUrl(assessment.ComplaintId, assessment.KnowledgeVersion),
            Meta = new Meta { LastUpdated = assessment.UpdatedAt },
        };
        var complaint = engine.Knowledge.Find(assessment.ComplaintId);
        foreach (var answer in assessment.Answers)
        {
            var question = complaint is null ? null : engine.FindQuestion(complaint, answer.QuestionId);
            var item = new QuestionnaireResponse.ItemComponent { LinkId = answer.QuestionId, Text = question?.Text.Sv };
            item.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = Value(question, answer.Value) });
            response.Item.Add(item);
        }
        if (assessment.Status == AssessmentStatus.Klar && assessment.Urgency is not null)
        {
            response.Extension.Add(Outcome(assessment));
        }
        return response;
    }

    private static DataType Value(Question? question, string value) => question?.Type switch
    {
        QuestionType.YesNo => value switch
        {
            TriageEngine.Yes => new FhirBoolean(true),
            TriageEngine.No => new FhirBoolean(false),
            _ => new Coding(AnswerSystem, TriageEngine.DontKnow, "Vet inte"),
        },
        QuestionType.Choice => new Coding(FhirSystems.NaraCodeSystem($"triage-option"), value, question.Option(value)?.Text.Sv),
        QuestionType.Number or QuestionType.Duration when value == TriageEngine.DontKnow => new Coding(AnswerSystem, TriageEngine.DontKnow, "Vet inte"),
        // Days are a UCUM unit.
        QuestionType.Duration => new Quantity(decimal.Parse(value, CultureInfo.InvariantCulture), "d") { Unit = "dagar" },
        // The unit as text only: Quantity(value, unit) would claim it as a UCUM code, and "°C" or "dagar" are not UCUM.
        QuestionType.Number => new Quantity { Value = decimal.Parse(value, CultureInfo.InvariantCulture), Unit = question.Unit?.Sv },
        _ => new FhirString(value),
    };
}
