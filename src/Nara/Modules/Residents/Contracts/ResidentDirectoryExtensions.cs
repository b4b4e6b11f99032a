using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Residents.Contracts;

public static class ResidentDirectoryExtensions
{
    /// <summary>
    /// The resident and the children they are custodian for, the resident first: the people a resident may see and act
    /// for in the portal (the access rules still decide for each, for example a child who has turned 13).
    /// </summary>
    public static async Task<IReadOnlyList<ResidentSummary>> SelfAndChildrenAsync(this IResidentDirectory residents, ResidentId resident, CancellationToken ct)
    {
        var people = new List<ResidentSummary>();
        if (await residents.GetAsync(resident, ct) is { } self)
        {
            people.Add(self);
        }
        people.AddRange(await residents.ChildrenAsync(resident, ct));
        return people;
    }

    /// <summary>
    /// As <see cref="SelfAndChildrenAsync"/>, keeping those the signed-in resident may reach now for <paramref name="request"/>,
    /// each with the grant that audits what is then shown of them (<see cref="AccessGrant.AuditAsync(string?, CancellationToken)"/>).
    /// </summary>
    public static async Task<IReadOnlyList<(ResidentSummary Person, AccessGrant Grant)>> SelfAndChildrenAllowedAsync(
        this IResidentDirectory residents, ResidentAccess access, Actor actor, AccessRequest request, CancellationToken ct)
    {
        var allowed = new List<(ResidentSummary, AccessGrant)>();
        foreach (var person in await residents.SelfAndChildrenAsync(actor.ResidentId, ct))
        {
            if (await access.GrantOrNullAsync(actor, person.Id, request, ct) is { } grant)
            {
                allowed.Add((person, grant));
            }
        }
        return allowed;
    }
}
