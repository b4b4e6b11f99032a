using System.Text;
using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Auth;
using static Nara.Modules.Triage.Fhir.TriageFhirMapping;
using Task = System.Threading.Tasks.Task;

namespace Nara.Modules.Triage.Fhir;

/// <summary>
/// The questions behind a <see cref="QuestionnaireResponseResource"/>: one Questionnaire per sökorsak in the loaded
/// knowledge base, id <c>triage-&lt;complaintId&gt;</c>, url the canonical a response's <c>questionnaire</c> points to
/// (<see cref="TriageFhirMapping.QuestionnaireUrl"/> without the <c>|version</c>), version the knowledge-base version.
/// Only the loaded version is served: a response from an older version names a version that no longer matches.
/// <para>
/// Items are every question the engine can ask for the complaint (<see cref="TriageEngine.AskingOrder"/>: its own
/// questions and the shared ones its rules or ask_when use, e.g. <c>gravid</c>), in asking order, linkId = question id
/// as in the response. Which of them are asked is decided by the engine from the rules and the answers so far, and
/// ask_when uses the person's age and sex, which are not questions; neither is expressible as <c>enableWhen</c>, so
/// none is given and no item is <c>required</c>. The emergency words are not questions and have no item.
/// </para>
/// <para>
/// Item types follow what the response carries, so that a response validates against its Questionnaire:
/// yes/no is <c>boolean</c> (the response has valueBoolean for ja/nej). FHIR R4 cannot offer a third answer on a
/// boolean item (answerOption is only for choice-like types and cannot hold a boolean), and a <c>choice</c> item with
/// ja/nej codings would not match the response's valueBoolean; so "vet inte", which the response codes as valueCoding
/// <c>triage-answer|vet_inte</c>, is declared by the extension <see cref="DontKnowExtension"/> carrying that coding.
/// A strict validator will still flag a "vet inte" answer on a boolean item. Choices are <c>choice</c> with answerOption
/// valueCoding <c>triage-option|&lt;option id&gt;</c> and the Swedish text, the coding the response uses. Numbers are
/// <c>quantity</c>, not <c>decimal</c>, because the response answers them with valueQuantity: the unit is the one
/// <c>questionnaire-unitOption</c> (display = the Swedish unit, as Quantity.unit in the response) and the allowed
/// range is <c>minValue</c>/<c>maxValue</c> (valueDecimal, in that unit). Help text is a child display item with
/// itemControl <c>help</c>.
/// </para>
/// Not personal data: any signed-in resident or staff member may read it, and nothing is audited.
/// </summary>
internal sealed class QuestionnaireResource(TriageEngine engine) : IFhirSource
{
    public const string IdPrefix = "triage-";

    /// <summary>On a boolean item: the coding a response uses for "vet inte" instead of valueBoolean.</summary>
    public static readonly string DontKnowExtension = FhirSystems.NaraExtension("triage-dont-know-answer");

    public const string UnitOptionExtension = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";
    public const string MinValueExtension = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValueExtension = "http://hl7.org/fhir/StructureDefinition/maxValue";
    public const string ItemControlExtension = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl";

    public static readonly string OptionSystem = FhirSystems.NaraCodeSystem("triage-option");

    public const string Type = "Questionnaire";

    public string ResourceType => Type;

    public Task<Resource?> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var complaint = id.StartsWith(IdPrefix, StringComparison.Ordinal) ? engine.Knowledge.Find(id[IdPrefix.Length..]) : null;
        return Task.FromResult<Resource?>(complaint is null ? null : Map(complaint));
    }

    public Task<FhirPage?> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var status = search.Token("status")?.Code;
        if (status is not (null or "draft" or "active" or "retired" or "unknown"))
        {
            throw FhirException.BadParameter("status", $"'{status}' stöds inte; använd draft, active, retired eller unknown.");
        }
        var url = search.Uri("url");
        var name = search.Text("name");
        var title = search.Text("title");
        var matches = engine.Knowledge.Complaints
            .Where(c => status is null or "active")
            .Where(c => url is null || MatchesUrl(c, url))
            .Where(c => name is null || Name(c).Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(c => title is null || c.Title.Sv.Contains(title, StringComparison.OrdinalIgnoreCase))
            .OrderBy(Id, StringComparer.Ordinal)
            .ToList();
        var page = matches.Skip(search.Offset).Take(search.Count).Select(Map).ToList<Resource>();
        return Task.FromResult<FhirPage?>(new FhirPage(page, matches.Count));
    }

    private static string Id(Complaint complaint) => IdPrefix + complaint.Id;

    private bool MatchesUrl(Complaint complaint, string url)
    {
        var bar = url.IndexOf('|', StringComparison.Ordinal);
        var canonical = bar < 0 ? url : url[..bar];
        return canonical == Canonical(complaint) && (bar < 0 || url[(bar + 1)..] == engine.Knowledge.Version);
    }

    private static string Canonical(Complaint complaint) => $"{FhirSystems.NaraBase}/Questionnaire/{Id(complaint)}";

    /// <summary>A computable name (FHIR's <c>[A-Z][A-Za-z0-9_]*</c>): Triage and the complaint id in PascalCase, e.g. TriageFeberVuxen.</summary>
    private static string Name(Complaint complaint)
    {
        var name = new StringBuilder("Triage");
        foreach (var part in complaint.Id.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var ascii = new string(part.Where(char.IsAsciiLetterOrDigit).ToArray());
            if (ascii.Length > 0)
            {
                name.Append(char.ToUpperInvariant(ascii[0])).Append(ascii[1..]);
            }
        }
        return name.ToString();
    }

    private Questionnaire Map(Complaint complaint)
    {
        var questionnaire = new Questionnaire
        {
            Id = Id(complaint),
            Url = Canonical(complaint),
            Version = engine.Knowledge.Version,
            Name = Name(complaint),
            Title = complaint.Title.Sv,
            Status = PublicationStatus.Active,
            Language = "sv",
            SubjectType = [Hl7.Fhir.Model.ResourceType.Patient],
            Publisher = "Nära",
            Description = new Markdown($"Frågorna i Näras symtombedömning för sökorsaken {complaint.Title.Sv}. Vilka frågor som ställs avgörs av bedömningens regler."),
            Code = [new Coding(ComplaintSystem, complaint.Id, complaint.Title.Sv)],
        };
        foreach (var question in engine.AskingOrder(complaint))
        {
            questionnaire.Item.Add(Item(question));
        }
        return questionnaire;
    }

    private static Questionnaire.ItemComponent Item(Question question)
    {
        var item = new Questionnaire.ItemComponent { LinkId = question.Id, Text = question.Text.Sv };
        switch (question.Type)
        {
            case QuestionType.YesNo:
                item.Type = Questionnaire.QuestionnaireItemType.Boolean;
                item.Extension.Add(new Extension(DontKnowExtension, new Coding(AnswerSystem, TriageEngine.DontKnow, "Vet inte")));
                break;
            case QuestionType.Choice:
                item.Type = Questionnaire.QuestionnaireItemType.Choice;
                item.AnswerOption = question.Options
                    .Select(o => new Questionnaire.AnswerOptionComponent { Value = new Coding(OptionSystem, o.Id, o.Text.Sv) })
                    .ToList();
                break;
            default:
                item.Type = Questionnaire.QuestionnaireItemType.Quantity;
                item.Extension.Add(new Extension(DontKnowExtension, new Coding(AnswerSystem, TriageEngine.DontKnow, "Vet inte")));
                if (question.Type == QuestionType.Duration)
                {
                    item.Extension.Add(new Extension(UnitOptionExtension, new Coding("http://unitsofmeasure.org", "d", "dagar")));
                }
                else if (question.Unit is { } unit)
                {
                    item.Extension.Add(new Extension(UnitOptionExtension, new Coding { Display = unit.Sv }));
                }
                if (question.Min is { } min)
                {
                    item.Extension.Add(new Extension(MinValueExtension, new FhirDecimal(min)));
                }
                if (question.Max is { } max)
                {
                    item.Extension.Add(new Extension(MaxValueExtension, new FhirDecimal(max)));
                }
                break;
        }
        if (question.Help is { } help)
        {
            var display = new Questionnaire.ItemComponent
            {
                LinkId = question.Id + "-hjalp",
                Type = Questionnaire.QuestionnaireItemType.Display,
                Text = help.Sv,
            };
            display.Extension.Add(new Extension(ItemControlExtension,
                new CodeableConcept("http://hl7.org/fhir/questionnaire-item-control", "help", "Help-Button")));
            item.Item.Add(display);
        }
        return item;
    }
}
