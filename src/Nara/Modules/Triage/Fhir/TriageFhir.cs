using Nara.Fhir;

namespace Nara.Modules.Triage.Fhir;

public static class TriageFhir
{
    /// <summary>QuestionnaireResponse (a completed assessment) and Task (a case sent to a unit).</summary>
    public static IServiceCollection AddTriageFhir(this IServiceCollection services) =>
        services.AddFhirResource<QuestionnaireResponseResource>().AddFhirResource<TaskResource>();
}
