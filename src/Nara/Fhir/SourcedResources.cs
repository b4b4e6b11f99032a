using Hl7.Fhir.Model;
using Nara.Platform.Auth;

namespace Nara.Fhir;

/// <summary>Questionnaire: a triage sökorsak's questions (<c>triage-*</c>) and the rating instruments (<c>instrument-*</c>).</summary>
internal sealed class SourcedQuestionnaire(IEnumerable<IFhirSource> sources) : FhirSourcedResource(sources, "Questionnaire"), IFhirResourceDefinition
{
    public static string ResourceType => "Questionnaire";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("url", SearchParamType.Uri, "Frågeformulärets kanoniska adress, med eller utan |version (som i QuestionnaireResponse.questionnaire)."),
        new("name", SearchParamType.String, "Del av det maskinläsbara namnet, utan hänsyn till versaler."),
        new("title", SearchParamType.String, "Del av det svenska namnet (sökorsak eller skattningsformulär), utan hänsyn till versaler."),
        new("status", SearchParamType.Token, "draft, active, retired eller unknown."),
    ];
}

/// <summary>QuestionnaireResponse: symptom assessments (triage) and answers to rating instruments.</summary>
internal sealed class SourcedQuestionnaireResponse(IEnumerable<IFhirSource> sources) : FhirSourcedResource(sources, "QuestionnaireResponse"), IFhirResourceDefinition
{
    public static string ResourceType => "QuestionnaireResponse";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("subject", SearchParamType.Reference, "Patient/<id>: en persons svar. Krävs för personal."),
        new("status", SearchParamType.Token, "in-progress eller completed."),
        new("questionnaire", SearchParamType.Reference, "Questionnaire/<id>: svar på ett visst formulär (triage-<sökorsak> eller instrument-<id>)."),
    ];
}

/// <summary>Observation: home measurements (vital-signs, with the vital-signs profile's LOINC codes) and instrument scores (survey, derived from the response).</summary>
internal sealed class SourcedObservation(IEnumerable<IFhirSource> sources) : FhirSourcedResource(sources, "Observation"), IFhirResourceDefinition, IFhirCreateHandler
{
    public static string ResourceType => "Observation";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("subject", SearchParamType.Reference, "Patient/<id>: en persons observationer. Krävs för personal."),
        new("patient", SearchParamType.Reference, "Samma som subject."),
        new("category", SearchParamType.Token, "vital-signs (mätvärden hemifrån, även PEF och blodsocker) eller survey (poäng från skattningsformulär)."),
        new("code", SearchParamType.Token, "LOINC-kod (t.ex. 85354-9 blodtryck, 29463-7 vikt) eller formulärets poängkod."),
        new("date", SearchParamType.Date, "När det mättes eller besvarades (ge, le, gt, lt, eq)."),
    ];

    public Task<Resource> CreateAsync(Actor actor, Resource resource, CancellationToken ct) => CreateThroughSourcesAsync(actor, resource, ct);
}

/// <summary>Flag: alerts for the team, a crisis alert from an instrument answer or a home measurement outside the person's limits.</summary>
internal sealed class SourcedFlag(IEnumerable<IFhirSource> sources) : FhirSourcedResource(sources, "Flag"), IFhirResourceDefinition
{
    public static string ResourceType => "Flag";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("subject", SearchParamType.Reference, "Patient/<id>: en persons larm. Krävs."),
        new("patient", SearchParamType.Reference, "Samma som subject."),
        new("status", SearchParamType.Token, "active (ej hanterade) eller inactive (hanterade)."),
    ];
}
