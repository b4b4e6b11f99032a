using Microsoft.EntityFrameworkCore;
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

/// <summary>
/// Staff find a patient by personnummer or name. The hits identify people only (name, birth date, listing) and say
/// whether the actor may open the record; the search itself is audited. Name searches are limited to patients the
/// actor has access to, so that the search cannot be used to browse the population.
/// </summary>
public sealed class SearchResidents(NaraDbContext db, ResidentAccess access, ResidentDirectory directory, TimeProvider time) : IFeature
{
    public const int MaxHits = 20;

    public sealed record Hit(Guid Id, string Personnummer, string Name, DateOnly BirthDate, Guid? ListedUnitId, bool MayOpen, AccessBasis Basis);

    public sealed record Result(IReadOnlyList<Hit> Hits, bool ByPersonnummer, string? Error);

    public async Task<Result> HandleAsync(Actor actor, string? query, CancellationToken ct)
    {
        var q = query?.Trim() ?? string.Empty;
        if (q.Length < 2)
        {
            return new Result([], false, "Skriv ett personnummer eller minst två bokstäver av ett namn.");
        }
        var today = Stockholm.Today(time);
        // Names have no digits: anything with a digit is read as a personnummer, so a mistyped one gets a format error,
        // not "no patient found".
        var looksLikeNumber = q.Any(char.IsAsciiDigit);
        List<ResidentSummary> candidates;
        if (looksLikeNumber)
        {
            if (!Personnummer.TryParse(q, today, out var pnr, out var error))
            {
                return new Result([], true, error);
            }
            candidates = await directory.Summaries(db.Set<Resident>().Where(r => r.Personnummer == pnr.Value), ct);
        }
        else
        {
            var residents = ResidentDirectory.ByName(db.Set<Resident>(), q);
            // Only among patients with a care relationship at the actor's unit: a name search is not a population browser.
            if (actor.Unit is { } unit)
            {
                var listed = db.Set<Listing>().Where(l => l.UnitId == unit && l.To == null).Select(l => l.ResidentId);
                residents = residents.Where(r => listed.Contains(r.Id));
            }
            candidates = await directory.Summaries(residents.OrderBy(r => r.FamilyName).ThenBy(r => r.GivenName).Take(MaxHits), ct);
        }
        var hits = new List<Hit>();
        foreach (var c in candidates)
        {
            var decision = await access.DecideAsync(actor, c.Id, ct);
            hits.Add(new Hit(c.Id.Value, c.Personnummer, c.Name, c.BirthDate, c.ListedUnit?.Value, decision.Allowed, decision.Basis));
        }
        await access.AuditSearchAsync(actor, hits.Count == 1 ? new ResidentId(hits[0].Id) : null,
            looksLikeNumber ? "Patientsökning (personnummer)" : "Patientsökning (namn)", ct);
        return new Result(hits, looksLikeNumber, null);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/residents", async (string? query, HttpContext http, SearchResidents handler, CancellationToken ct) =>
        {
            var result = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, query, ct);
            return result.Error is { } error ? Problems.Invalid("query", error) : Results.Ok(result.Hits);
        })
        .RequireAuthorization(NaraPolicies.Vardpersonal)
        .WithSearchLimit()
        .WithTags("Invånare")
        .WithSummary("Sök patient på personnummer eller namn (namnsökning bland patienter listade på din enhet).");
}
