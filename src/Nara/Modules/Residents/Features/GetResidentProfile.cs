using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Residents.Features;

/// <summary>A resident's details and listing history. Callers have passed the access rules (filter or gate).</summary>
public sealed class GetResidentProfile(NaraDbContext db, IOrganisationDirectory organisation, ResidentDirectory directory, TimeProvider time, ResidentAccess access) : IFeature
{
    /// <summary>The signed-in resident's own details (Mina sidor): read under the access rules as their own, and logged.</summary>
    public async Task<Profile?> HandleForSelfAsync(Actor actor, CancellationToken ct)
    {
        await access.RequireAsync(actor, actor.ResidentId, AccessRequest.Read("Personuppgifter") with { ResidentsOnly = "Mina uppgifter visas bara för invånaren själv." }, ct);
        return await HandleAsync(actor.ResidentId, ct);
    }

    public sealed record ListingPeriod(Guid UnitId, string UnitName, DateOnly From, DateOnly? To);

    public sealed record Profile(
        Guid Id, string Personnummer, string GivenName, string FamilyName, Sex Sex, DateOnly BirthDate, int Age,
        string MunicipalityCode, string MunicipalityName, string AddressArea,
        string? Email, string? Phone, NotificationChannel PreferredChannel, string PreferredLanguage,
        ListingPeriod? CurrentListing, string? ListedUnitOpeningHours, IReadOnlyList<ListingPeriod> ListingHistory,
        IReadOnlyList<ResidentSummary> Children);

    public async Task<Profile?> HandleAsync(ResidentId id, CancellationToken ct)
    {
        var r = await db.Set<Resident>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return null;
        }
        var listings = await db.Set<Listing>().AsNoTracking().Where(l => l.ResidentId == id).OrderByDescending(l => l.From).ToListAsync(ct);
        var units = await organisation.GetUnitsAsync(listings.Select(l => l.UnitId), ct);
        var names = await organisation.MunicipalityNamesAsync(ct);
        var periods = listings.Select(l => new ListingPeriod(l.UnitId.Value, units.TryGetValue(l.UnitId, out var u) ? u.Name : "–", l.From, l.To)).ToList();
        var current = periods.FirstOrDefault(p => p.To is null);
        var hours = current is null ? null : await organisation.GetOpeningHoursAsync(new UnitId(current.UnitId), ct);
        var children = await directory.ChildrenAsync(id, ct);
        return new Profile(r.Id.Value, r.Personnummer, r.GivenName, r.FamilyName, r.Sex, r.BirthDate, r.AgeOn(Stockholm.Today(time)),
            r.MunicipalityCode, names.GetValueOrDefault(r.MunicipalityCode, r.MunicipalityCode), r.AddressArea,
            r.Email, r.Phone, r.PreferredChannel, r.PreferredLanguage, current, hours, periods, children);
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/residents/{residentId}", async (Guid residentId, GetResidentProfile handler, CancellationToken ct) =>
                await handler.HandleAsync(new ResidentId(residentId), ct) is { } p ? Results.Ok(p) : Problems.NotFound("Invånaren"))
            .RequireAuthorization()
            .RequireResidentAccess("Personuppgifter", AuditAction.Read)
            .WithTags("Invånare")
            .WithSummary("En invånares uppgifter och listningshistorik (kräver åtkomst enligt PDL; loggas).");
        endpoints.MapGet("/api/me/profile", async (HttpContext http, GetResidentProfile handler, CancellationToken ct) =>
                await handler.HandleForSelfAsync(Actor.FromPrincipal(http.User)!, ct) is { } p ? Results.Ok(p) : Problems.NotFound("Invånaren"))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Mina sidor")
            .WithSummary("Mina uppgifter, min vårdcentral och mina barn.");
    }
}
