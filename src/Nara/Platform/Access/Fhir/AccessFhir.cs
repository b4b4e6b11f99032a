using Nara.Fhir;

namespace Nara.Platform.Access.Fhir;

public static class AccessFhir
{
    /// <summary>AuditEvent: the access log as FHIR.</summary>
    public static IServiceCollection AddAccessFhir(this IServiceCollection services) => services.AddFhirResource<AuditEventResource>();
}
