using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Platform.Access.Features;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Access.Fhir;

/// <summary>
/// The person's consent to sharing between region and municipality as Consent: status active, or inactive once withdrawn;
/// scope patient-privacy; category the direction (Nära's sharing-direction codes RegionTillKommun, KommunTillRegion);
/// patient; dateTime when given; provision permit for the period it was in force. Read (id = the consent) and search by
/// patient under the access rules, audited as "FHIR Consent".
/// </summary>
internal sealed class ConsentResource(RecordSharingConsent consents, ResidentAccess access) : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string AuditResource = "FHIR Consent";

    public static readonly string DirectionSystem = FhirSystems.NaraCodeSystem("sharing-direction");

    public static string ResourceType => "Consent";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: personens samtycken till delning mellan region och kommun, med historik. Krävs för personal."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var consentId = FhirIds.Parse<SharingConsentId>(ResourceType, id);
        var resident = await consents.ResidentOfAsync(consentId, ct) ?? throw FhirException.NotFound(ResourceType, id);
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Read(AuditResource) with { HiddenAs = ("id", "Samtycket finns inte.") }, ct);
        var item = (await consents.ListAsync(grant, ct)).Single(c => c.Id == consentId.Value);
        return Map(resident, item);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems samtycken (patient=Patient/<id>)."));
        var grant = await access.RequireAsync(actor, patient, new AccessRequest(AuditResource, AuditAction.Search), ct);
        var all = await consents.ListAsync(grant, ct);
        var page = all.Skip(search.Offset).Take(search.Count).Select(c => (Resource)Map(patient, c)).ToList();
        return new FhirPage(page, search.WantsTotal ? all.Count : null, search.Offset + page.Count < all.Count);
    }

    private static Consent Map(ResidentId resident, RecordSharingConsent.Item c) => new()
    {
        Id = c.Id.ToString("D"),
        Status = c.InForce ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent"),
        Category = [new CodeableConcept(DirectionSystem, c.Direction.ToString(), RecordSharingConsent.Text(c.Direction))],
        Patient = FhirIds.Reference("Patient", resident),
        DateTime = c.GivenAt.ToString("o"),
        Provision = new Consent.provisionComponent
        {
            Type = Consent.ConsentProvisionType.Permit,
            Period = new Period { Start = c.GivenAt.ToString("o"), End = c.WithdrawnAt?.ToString("o") },
        },
    };
}
