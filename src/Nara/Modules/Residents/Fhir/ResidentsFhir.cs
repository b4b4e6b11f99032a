using Nara.Fhir;

namespace Nara.Modules.Residents.Fhir;

public static class ResidentsFhir
{
    /// <summary>Patient: the residents module's FHIR resource.</summary>
    public static IServiceCollection AddResidentsFhir(this IServiceCollection services) => services.AddFhirResource<PatientResource>();
}
