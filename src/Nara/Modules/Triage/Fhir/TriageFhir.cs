using Nara.Fhir;

namespace Nara.Modules.Triage.Fhir;

public static class TriageFhir
{
    /// <summary>Questionnaire (a sökorsak's questions), QuestionnaireResponse (an assessment) and Task (a case sent to a unit).</summary>
    public static IServiceCollection AddTriageFhir(this IServiceCollection services) =>
        services.AddFhirSource<QuestionnaireResource>().AddFhirSource<QuestionnaireResponseResource>().AddFhirTaskSource<TaskResource>();
}
