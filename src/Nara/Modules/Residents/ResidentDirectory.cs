using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents;

[NoAccessCheck("The resident directory behind the Residents contract and the access rules (listing, guardianship); callers check access.")]
public sealed class ResidentDirectory(NaraDbContext db, TimeProvider time) : IResidentDirectory, IResidentSource, ICareRelationshipSource
{
    /// <summary>A custodian acts for a child in the portal until the child turns 13 (1177's rule for e-services).</summary>
    public const int GuardianAgeLimit = 13;

    public Task<bool> ExistsAsync(ResidentId id, CancellationToken ct) => db.Set<Resident>().AnyAsync(r => r.Id == id, ct);

    public async Task<ResidentSummary?> GetAsync(ResidentId id, CancellationToken ct) =>
        (await Summaries(db.Set<Resident>().Where(r => r.Id == id), ct)).FirstOrDefault();

    public async Task<IReadOnlyDictionary<ResidentId, ResidentSummary>> GetManyAsync(IReadOnlyCollection<ResidentId> ids, CancellationToken ct) =>
        ids.Count == 0 ? new Dictionary<ResidentId, ResidentSummary>()
            : (await Summaries(db.Set<Resident>().Where(r => ids.Contains(r.Id)), ct)).ToDictionary(r => r.Id);

    public async Task<ResidentSummary?> FindByPersonnummerAsync(string personnummer, CancellationToken ct) =>
        (await Summaries(db.Set<Resident>().Where(r => r.Personnummer == personnummer), ct)).FirstOrDefault();

    public async Task<IReadOnlyList<ResidentSummary>> FindByNameAsync(string text, int max, CancellationToken ct) =>
        await Summaries(ByName(db.Set<Resident>(), text).OrderBy(r => r.FamilyName).ThenBy(r => r.GivenName).Take(max), ct);

    /// <summary>Residents every word of whose text starts their given or family name, ignoring case.</summary>
    internal static IQueryable<Resident> ByName(IQueryable<Resident> residents, string text)
    {
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            residents = NameStartsWith(residents, word);
        }
        return residents;
    }

    /// <summary>
    /// Residents whose given or family name starts with the prefix, ignoring case: two index ranges over the folded
    /// search keys (<see cref="SearchKey"/>), the same on both engines, so a search reads its matches, not every resident.
    /// </summary>
    internal static IQueryable<Resident> NameStartsWith(IQueryable<Resident> residents, string prefix) =>
        residents.Where(Or(GivenStarts(prefix), FamilyStarts(prefix)));

    /// <summary>Residents whose family name starts with the prefix: one range of the (family, given, personnummer) key index, in that order.</summary>
    internal static IQueryable<Resident> FamilyNameStartsWith(IQueryable<Resident> residents, string prefix) =>
        residents.Where(FamilyStarts(prefix));

    /// <summary>Residents whose given name, and not their family name, starts with the prefix (the rest of <see cref="NameStartsWith"/>).</summary>
    internal static IQueryable<Resident> OnlyGivenNameStartsWith(IQueryable<Resident> residents, string prefix) =>
        residents.Where(GivenStarts(prefix)).Where(Not(FamilyStarts(prefix)));

    // The keys compare byte by byte in SQL (collation C, SQLite's BINARY); string.Compare only names the operator
    // (CA1309: EF translates it to >= and <, not to an ordinal overload).
#pragma warning disable CA1309
    private static Expression<Func<Resident, bool>> GivenStarts(string prefix) => SearchKey.PrefixRange(prefix) is (var from, { } to)
        ? r => string.Compare(r.GivenNameSearchKey, from) >= 0 && string.Compare(r.GivenNameSearchKey, to) < 0
        : r => r.GivenNameSearchKey.StartsWith(SearchKey.Of(prefix));

    private static Expression<Func<Resident, bool>> FamilyStarts(string prefix) => SearchKey.PrefixRange(prefix) is (var from, { } to)
        ? r => string.Compare(r.FamilyNameSearchKey, from) >= 0 && string.Compare(r.FamilyNameSearchKey, to) < 0
        : r => r.FamilyNameSearchKey.StartsWith(SearchKey.Of(prefix));
#pragma warning restore CA1309

    private static Expression<Func<Resident, bool>> Or(Expression<Func<Resident, bool>> a, Expression<Func<Resident, bool>> b) =>
        Expression.Lambda<Func<Resident, bool>>(Expression.OrElse(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters);

    private static Expression<Func<Resident, bool>> Not(Expression<Func<Resident, bool>> a) =>
        Expression.Lambda<Func<Resident, bool>>(Expression.Not(a.Body), a.Parameters);

    public async Task<IReadOnlyList<ResidentSummary>> ChildrenAsync(ResidentId guardian, CancellationToken ct)
    {
        var limit = Today.AddYears(-GuardianAgeLimit);
        var children = db.Set<GuardianRelation>().Where(g => g.GuardianId == guardian).Select(g => g.ChildId);
        return await Summaries(db.Set<Resident>().Where(r => children.Contains(r.Id) && r.BirthDate > limit).OrderBy(r => r.BirthDate), ct);
    }

    public Expression<Func<NaraDbContext, IQueryable<ResidentId>>> AllResidents => AllResidentIds;

    private static readonly Expression<Func<NaraDbContext, IQueryable<ResidentId>>> AllResidentIds = db => db.Set<Resident>().Select(r => r.Id);

    public IQueryable<ResidentId> ChildrenOf(ResidentId guardian)
    {
        var limit = Today.AddYears(-GuardianAgeLimit);
        var children = db.Set<GuardianRelation>().Where(g => g.GuardianId == guardian).Select(g => g.ChildId);
        return db.Set<Resident>().Where(r => children.Contains(r.Id) && r.BirthDate > limit).Select(r => r.Id);
    }

    /// <summary>Listing at a vårdcentral is a care relationship with that unit for as long as it lasts.</summary>
    public Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo => Listed;

    private static readonly Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> Listed =
        (db, unit, since, sinceDate) => db.Set<Listing>().Where(l => l.UnitId == unit && l.To == null).Select(l => l.ResidentId);

    private DateOnly Today => Platform.Time.Stockholm.Today(time);

    internal async Task<List<ResidentSummary>> Summaries(IQueryable<Resident> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(r => new
            {
                r.Id, r.Personnummer, r.GivenName, r.FamilyName, r.Sex, r.BirthDate, r.MunicipalityCode,
                Listed = db.Set<Listing>().Where(l => l.ResidentId == r.Id && l.To == null).Select(l => (UnitId?)l.UnitId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new ResidentSummary(r.Id, r.Personnummer, $"{r.GivenName} {r.FamilyName}", r.Sex, r.BirthDate, r.MunicipalityCode, r.Listed)).ToList();
    }
}
