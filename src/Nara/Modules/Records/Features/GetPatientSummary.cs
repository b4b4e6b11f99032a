using Nara.Modules.Records.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Records.Features;

/// <summary>The short record view other modules show beside their own data (<see cref="IPatientSummaries"/>).</summary>
public sealed class GetPatientSummary(GetPatientOverview overviews, ResidentAccess access) : IPatientSummaries, IFeature
{
    public const int RecentContacts = 5;

    public async Task<PatientSummary?> GetAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        AccessGrant grant;
        try
        {
            grant = await access.RequireAsync(actor, resident, AccessRequest.Read(GetPatientOverview.AuditResource), ct);
        }
        catch (ProblemException)
        {
            return null;
        }
        var overview = await overviews.HandleAsync(grant, 1, ct);
        return overview is null
            ? null
            : new PatientSummary(
                overview.Conditions.Select(c => new PatientSummaryCondition(c.Kind, c.Icd10, c.Onset)).ToList(),
                overview.Contacts.Take(RecentContacts).Select(c => new PatientSummaryContact(c.Start, c.Level, c.Channel, c.UnitName, c.DiagnosisCode)).ToList(),
                overview.ContactsTotal,
                overview.HiddenByBlocks);
    }
}
