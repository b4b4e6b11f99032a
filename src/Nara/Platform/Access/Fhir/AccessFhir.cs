using Nara.Fhir;

namespace Nara.Platform.Access.Fhir;

public static class AccessFhir
{
    /// <summary>AuditEvent: the access log as FHIR; Consent: the person's consent to sharing between region and municipality.</summary>
    public static IServiceCollection AddAccessFhir(this IServiceCollection services) => services.AddFhirResource<AuditEventResource>().AddFhirResource<ConsentResource>();
}
