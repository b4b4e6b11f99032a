using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Fhir;

/// <summary>Whom a search of a person's records covers, for the sources that map them.</summary>
public static class FhirPeople
{
    /// <summary>
    /// The named <c>subject</c> (or <c>patient</c>), refused and audited when not allowed; without one, a resident's own
    /// family (themselves and the children they may act for); staff must name one. Each grant audits when its rows are
    /// shown (<see cref="AccessRequest.AuditWhenDone"/>).
    /// </summary>
    public static async Task<IReadOnlyList<AccessGrant>> GrantsAsync(Actor actor, FhirSearch search, ResidentAccess access, IResidentDirectory residents, string audit, CancellationToken ct)
    {
        var subject = FhirIds.FromSearch<ResidentId>(search, "subject", "Patient") ?? FhirIds.FromSearch<ResidentId>(search, "patient", "Patient");
        var wanted = new AccessRequest(audit, AuditAction.Search) with { AuditWhenDone = true };
        if (subject is { } s)
        {
            return [await access.RequireAsync(actor, s, wanted, ct)];
        }
        if (!actor.IsResident)
        {
            throw FhirException.BadParameter("subject", "Personal söker för en person i taget: ange subject=Patient/<id>.");
        }
        var grants = new List<AccessGrant>();
        foreach (var person in await residents.SelfAndChildrenAsync(actor.ResidentId, ct))
        {
            if (await access.GrantOrNullAsync(actor, person.Id, wanted, ct) is { } grant)
            {
                grants.Add(grant);
            }
        }
        return grants;
    }
}
