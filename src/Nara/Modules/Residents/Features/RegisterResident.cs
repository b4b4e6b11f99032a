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

/// <summary>An administrator registers a resident (as the population register would feed us), optionally listed at a vårdcentral.</summary>
public sealed class RegisterResident(NaraDbContext db, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(string? Personnummer, string? GivenName, string? FamilyName, string? MunicipalityCode, string? AddressArea, Guid? ListedUnitId);

    public async Task<(Guid? Id, Dictionary<string, string[]> Errors)> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var today = Stockholm.Today(time);
        if (!Personnummer.TryParse(request.Personnummer, today, out var pnr, out var pnrError))
        {
            errors["personnummer"] = [pnrError];
        }
        if (string.IsNullOrWhiteSpace(request.GivenName))
        {
            errors["givenName"] = ["Förnamn saknas."];
        }
        if (string.IsNullOrWhiteSpace(request.FamilyName))
        {
            errors["familyName"] = ["Efternamn saknas."];
        }
        var municipalities = await organisation.MunicipalityNamesAsync(ct);
        if (request.MunicipalityCode is null || !municipalities.ContainsKey(request.MunicipalityCode))
        {
            errors["municipalityCode"] = ["Kommunkoden är okänd; ange en av regionens kommuner, till exempel 0780 för Växjö."];
        }
        if (request.ListedUnitId is { } unitId && (await organisation.GetUnitAsync(new UnitId(unitId), ct))?.Type != UnitType.Vardcentral)
        {
            errors["listedUnitId"] = ["Enheten finns inte eller är ingen vårdcentral."];
        }
        if (errors.Count == 0 && await db.Set<Resident>().AnyAsync(r => r.Personnummer == pnr.Value, ct))
        {
            errors["personnummer"] = ["Det finns redan en invånare med det personnumret."];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var resident = new Resident
        {
            Personnummer = pnr.Value,
            GivenName = request.GivenName!.Trim(),
            FamilyName = request.FamilyName!.Trim(),
            // The ninth digit encodes legal sex: odd for men, even for women (Skatteverket).
            Sex = pnr.IsOddSerial ? Sex.Man : Sex.Kvinna,
            BirthDate = pnr.BirthDate,
            MunicipalityCode = request.MunicipalityCode!,
            AddressArea = request.AddressArea?.Trim() ?? string.Empty,
        };
        db.Add(resident);
        if (request.ListedUnitId is { } listed)
        {
            db.Add(new Listing { ResidentId = resident.Id, UnitId = new UnitId(listed), From = today });
        }
        await db.SaveChangesAsync(ct);
        await access.AuditRegistrationAsync(actor, resident.Id, "Registrering av invånare", ct);
        return (resident.Id.Value, errors);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents", async (Request request, HttpContext http, RegisterResident handler, CancellationToken ct) =>
            {
                var (id, errors) = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request, ct);
                return id is { } created ? Results.Created($"/api/residents/{created}", new { id = created }) : Problems.Invalid(errors);
            })
            .RequireAuthorization(NaraPolicies.Administrator)
            .WithTags("Invånare")
            .WithSummary("Registrera en invånare (administratör).");
}
