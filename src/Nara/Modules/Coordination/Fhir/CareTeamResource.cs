using Hl7.Fhir.Model;
using Nara.Fhir;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Features;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Coordination.Fhir;

/// <summary>
/// A person's care team as one CareTeam (id = the person's id): subject the Patient, a participant per member now and
/// before (member the Practitioner, or the Organization for a unit as a whole; onBehalfOf the unit; period; role the
/// role in the team's words, and the fixed care contact or fixed doctor as coded roles). Read and search under the
/// access rules, audited as "FHIR CareTeam"; a search names the patient (a resident may leave it out for themself).
/// </summary>
internal sealed class CareTeamResource(GetCareTeam teams, ResidentAccess access, IResidentDirectory residents) : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string AuditResource = "FHIR CareTeam";

    public static readonly string RoleSystem = FhirSystems.NaraCodeSystem("care-team-role");

    public static string ResourceType => "CareTeam";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("patient", SearchParamType.Reference, "Patient/<id>: personens vårdteam. Krävs för personal; en invånare får utelämna den för sitt eget."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var resident = FhirIds.Parse<ResidentId>(ResourceType, id);
        if (!await residents.ExistsAsync(resident, ct))
        {
            throw FhirException.NotFound(ResourceType, id);
        }
        await access.RequireAsync(actor, resident, AccessRequest.Read(AuditResource), ct);
        return Map(await teams.HandleAsync(actor, resident, ct));
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var patient = FhirIds.FromSearch<ResidentId>(search, "patient", "Patient")
            ?? (actor.IsResident ? actor.ResidentId : throw FhirException.BadParameter("patient", "ange vems vårdteam (patient=Patient/<id>)."));
        if (!await residents.ExistsAsync(patient, ct))
        {
            return new FhirPage([], search.WantsTotal ? 0 : null, false);
        }
        await access.RequireAsync(actor, patient, new AccessRequest(AuditResource, AuditAction.Search), ct);
        var team = await teams.HandleAsync(actor, patient, ct);
        var shown = search.Count == 0 || search.Offset > 0 ? [] : new List<Resource> { Map(team) };
        return new FhirPage(shown, search.WantsTotal ? 1 : null, false);
    }

    private static CareTeam Map(GetCareTeam.Team team)
    {
        var resident = new ResidentId(team.ResidentId);
        var careTeam = new CareTeam
        {
            Id = FhirIds.Of(resident),
            Status = CareTeam.CareTeamStatus.Active,
            Name = "Vårdteam",
            Subject = FhirIds.Reference("Patient", resident),
        };
        foreach (var m in team.Members.Concat(team.Former))
        {
            var participant = new CareTeam.ParticipantComponent
            {
                Member = m.StaffId is { } staff ? new ResourceReference($"Practitioner/{staff:D}", m.StaffName) : new ResourceReference($"Organization/{m.UnitId:D}", m.UnitName),
                OnBehalfOf = new ResourceReference($"Organization/{m.UnitId:D}", m.UnitName),
                Period = new Period { Start = m.From.ToString("o"), End = m.To?.ToString("o") },
            };
            if (m.Role is not null)
            {
                participant.Role.Add(new CodeableConcept { Text = m.Role });
            }
            foreach (var kind in m.FixedAs)
            {
                participant.Role.Add(new CodeableConcept(RoleSystem, kind.ToString(), kind == FixedContactKind.FastLakarkontakt ? "Fast läkarkontakt" : "Fast vårdkontakt"));
            }
            careTeam.Participant.Add(participant);
        }
        return careTeam;
    }
}
