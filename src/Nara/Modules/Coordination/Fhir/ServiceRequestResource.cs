using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Features;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Fhir;

/// <summary>
/// Referrals as ServiceRequest (intent order): subject the Patient, requester the sender, performer the receiving unit,
/// category the kind (Nära's code system: Remiss, Konsultation, Hemsjukvard), priority routine/urgent/asap for
/// Rutin/Förtur/Akut, the question as reasonCode text, the background and the answer as notes, Nära's status in the
/// extension <c>referral-status</c>. Read (sending or receiving unit, or the person), search by patient, and create: a
/// partner system sends a referral from the caller's unit with SendReferral's rules.
/// </summary>
internal sealed class ServiceRequestResource(ListReferrals referrals, SendReferral sending) : IFhirResourceHandler, IFhirResourceDefinition, IFhirCreateHandler
{
    public static readonly string KindSystem = FhirSystems.NaraCodeSystem("referral-kind");
    public static readonly string StatusExtension = FhirSystems.NaraExtension("referral-status");

    public static string ResourceType => "ServiceRequest";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: personens remisser. Krävs för personal; en invånare får utelämna den för sina egna."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct) =>
        Map(await referrals.OneAsync(actor, FhirIds.Parse<ReferralId>(ResourceType, id), ct));

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems remisser (patient=Patient/<id>)."));
        var all = await referrals.ForResidentAsync(actor, patient, ct);
        var page = all.Skip(search.Offset).Take(search.Count).Select(r => (Resource)Map(r)).ToList();
        return new FhirPage(page, search.WantsTotal ? all.Count : null, search.Offset + page.Count < all.Count);
    }

    public async Task<Resource> CreateAsync(Actor actor, Resource resource, CancellationToken ct)
    {
        var posted = (ServiceRequest)resource;
        var resident = FhirIds.FromReference<ResidentId>(posted.Subject, "Patient")
            ?? throw new FhirException(400, OperationOutcome.IssueType.Required, "Ange vem remissen gäller: subject = Patient/<id>.", "ServiceRequest.subject");
        var unit = posted.Performer.Select(p => FhirIds.FromReference<UnitId>(p, "Organization")).FirstOrDefault(u => u is not null)
            ?? throw new FhirException(400, OperationOutcome.IssueType.Required, "Ange mottagande enhet: performer = Organization/<id>.", "ServiceRequest.performer");
        var code = posted.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == KindSystem)?.Code;
        ReferralKind? kind = Enum.TryParse<ReferralKind>(code, out var k) ? k : null;
        if (kind is null)
        {
            throw new FhirException(400, OperationOutcome.IssueType.Required, $"Ange sorts remiss: category med system {KindSystem} och kod Remiss, Konsultation eller Hemsjukvard.", "ServiceRequest.category");
        }
        ReferralPriority priority = posted.Priority switch
        {
            RequestPriority.Urgent => ReferralPriority.Fortur,
            RequestPriority.Asap or RequestPriority.Stat => ReferralPriority.Akut,
            _ => ReferralPriority.Rutin,
        };
        var question = posted.ReasonCode.Select(r => r.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var background = posted.Note.Select(n => n.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var id = await sending.HandleAsync(actor, resident, new SendReferral.Request(kind, unit.Value, question, background, priority), ct);
        return Map(await referrals.OneAsync(actor, new ReferralId(id), ct));
    }

    private static ServiceRequest Map(ListReferrals.Item r)
    {
        var request = new ServiceRequest
        {
            Id = r.Id.ToString("D"),
            Intent = RequestIntent.Order,
            Status = r.Status switch
            {
                ReferralStatus.KompletteringBegard => RequestStatus.OnHold,
                ReferralStatus.Returnerad => RequestStatus.Revoked,
                ReferralStatus.Besvarad => RequestStatus.Completed,
                _ => RequestStatus.Active,
            },
            Priority = r.Priority switch
            {
                ReferralPriority.Fortur => RequestPriority.Urgent,
                ReferralPriority.Akut => RequestPriority.Asap,
                _ => RequestPriority.Routine,
            },
            Category = [new CodeableConcept(KindSystem, r.Kind.ToString(), Referrals.KindText(r.Kind))],
            Subject = FhirIds.Reference("Patient", new ResidentId(r.ResidentId)),
            AuthoredOn = r.SentAt.ToString("o"),
            Requester = new ResourceReference($"Organization/{r.FromUnitId:D}", $"{r.FromStaffName}, {r.FromUnitName}"),
            Performer = [new ResourceReference($"Organization/{r.ToUnitId:D}", r.ToUnitName)],
            ReasonCode = [new CodeableConcept { Text = r.Question }],
        };
        request.Extension.Add(new Extension(StatusExtension, new Code(r.Status.ToString())));
        if (r.Background is not null)
        {
            request.Note.Add(new Annotation { Text = new Markdown(r.Background) });
        }
        if (r.Answer is not null)
        {
            request.Note.Add(new Annotation { Author = new FhirString(r.AnsweredByName), Text = new Markdown((r.Status == ReferralStatus.Returnerad ? "Returnerad: " : "Remissvar: ") + r.Answer) });
        }
        return request;
    }
}
