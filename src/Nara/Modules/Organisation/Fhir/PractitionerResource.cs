using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Nara.Fhir;
using Nara.Modules.Organisation.Domain;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using static Nara.Modules.Organisation.Fhir.OrganisationFhir;

namespace Nara.Modules.Organisation.Fhir;

/// <summary>Staff as Practitioner (id = staff id), with HSA id and profession. Any signed-in user.</summary>
internal sealed class PractitionerResource(NaraDbContext db) : IFhirResourceHandler, IFhirResourceDefinition
{
    public static string ResourceType => "Practitioner";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("identifier", SearchParamType.Token, $"HSA-id ({FhirSystems.HsaId}|värde eller bara värdet)."),
        new("name", SearchParamType.String, "Början av förnamn eller efternamn, utan hänsyn till versaler."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var staffId = FhirIds.Parse<StaffId>(ResourceType, id);
        var staff = await db.Set<StaffMember>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, ct)
            ?? throw FhirException.NotFound(ResourceType, id);
        return ToPractitioner(staff);
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        var query = db.Set<StaffMember>().AsNoTracking();
        if (search.Token("identifier") is { } identifier)
        {
            var hsa = identifier.Code;
            query = MatchesHsaToken(identifier) ? query.Where(s => s.HsaId == hsa) : query.Where(_ => false);
        }
        if (search.Text("name") is { } name)
        {
            var p = FhirPrefix.Of(name);
            // CA1862: this runs as SQL, where EF translates ToLower/StartsWith but not a StringComparison overload.
#pragma warning disable CA1862
            query = query.Where(s =>
                s.GivenName.ToLower().StartsWith(p.Lower) || s.GivenName.StartsWith(p.AsGiven) || s.GivenName.StartsWith(p.Capitalised)
                || s.FamilyName.ToLower().StartsWith(p.Lower) || s.FamilyName.StartsWith(p.AsGiven) || s.FamilyName.StartsWith(p.Capitalised));
#pragma warning restore CA1862
        }
        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(s => s.FamilyName).ThenBy(s => s.GivenName).ThenBy(s => s.HsaId)
            .Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        return new FhirPage(page.Select(ToPractitioner).ToList(), total);
    }

    private static Practitioner ToPractitioner(StaffMember staff) => new()
    {
        Id = FhirIds.Of(staff.Id),
        Active = true,
        Identifier = [Hsa(staff.HsaId)],
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = staff.FamilyName, Given = staff.GivenName.Split(' ', StringSplitOptions.RemoveEmptyEntries), Text = staff.FullName }],
        Qualification = [new Practitioner.QualificationComponent { Code = ProfessionConcept(staff.Profession) }],
    };
}
