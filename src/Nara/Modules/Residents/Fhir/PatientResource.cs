using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using Nara.Fhir;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents.Fhir;

/// <summary>
/// Residents as Patient. Every read goes through <see cref="ResidentAccess"/> and is audited; a search returns only the
/// residents the actor may access and writes one Search audit event per patient returned (or one without a patient when
/// nothing is returned), so the log shows exactly whose data was disclosed.
/// </summary>
internal sealed class PatientResource(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time)
    : IFhirResourceHandler, IFhirResourceDefinition
{
    public const string AuditResource = "FHIR Patient";

    public static string ResourceType => "Patient";

    public static IReadOnlyList<FhirSearchParameter> SearchParameters { get; } =
    [
        new("identifier", SearchParamType.Token, $"Personnummer eller samordningsnummer ({FhirSystems.Personnummer}|ÅÅÅÅMMDDNNNN, med eller utan bindestreck, eller bara numret)."),
        new("name", SearchParamType.String, "Början av förnamn eller efternamn, utan hänsyn till versaler."),
        new("birthdate", SearchParamType.Date, "Födelsedatum; prefixen eq, ge, gt, le och lt."),
    ];

    public async Task<Resource> ReadAsync(Actor actor, string id, CancellationToken ct)
    {
        var residentId = FhirIds.Parse<ResidentId>(ResourceType, id);
        var (resident, listedAt) = await ReadWithListingAsync(residentId, ct) ?? throw FhirException.NotFound(ResourceType, id);
        await access.RequireAsync(actor, residentId, AccessRequest.Read(AuditResource) with { CurrentListing = listedAt }, ct);
        var units = listedAt is { } unit ? await organisation.GetUnitsAsync([unit], ct) : new Dictionary<UnitId, UnitSummary>();
        return ToPatient(resident, listedAt, units, await organisation.MunicipalityNamesAsync(ct));
    }

    // The resident and the unit of the current listing (the latest open one, as the search picks it) in one round trip:
    // a read is the hot path, and the listing both names the general practitioner and decides the care relationship.
    private async Task<(Resident Resident, UnitId? ListedAt)?> ReadWithListingAsync(ResidentId id, CancellationToken ct)
    {
        var residents = ModelTable.For<Resident>(db);
        var listings = ModelTable.For<Listing>(db);
        var key = residents.Column(nameof(Resident.Id));
        var sql = $"SELECT {residents.SelectList("r")}, (SELECT l.{listings.Column(nameof(Listing.UnitId)).Name} FROM {listings.Name} l"
            + $" WHERE l.{listings.Column(nameof(Listing.ResidentId)).Name} = r.{key.Name} AND l.{listings.Column(nameof(Listing.To)).Name} IS NULL"
            + $" ORDER BY l.{listings.Column(nameof(Listing.From)).Name} DESC LIMIT 1)"
            + $" FROM {residents.Name} r WHERE r.{key.Name} = {residents.Placeholder("id")}";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            residents.AddParameter(command, key, "id", id);
            StatementCounter.Count();
            await using var reader = await command.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
            {
                return null;
            }
            var resident = residents.Read(reader, 0);
            return (resident, listings.Column(nameof(Listing.UnitId)).Read<UnitId?>(reader, residents.Columns.Count));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<FhirPage> SearchAsync(Actor actor, FhirSearch search, CancellationToken ct)
    {
        if (search.Token("identifier") is not null)
        {
            // A search by personnummer names one person: if they are in the region but not the caller's to see, the
            // search is refused and the attempt is in that person's log.
            var named = await Filter(db.Set<Resident>().AsNoTracking(), search).Select(r => r.Id).FirstOrDefaultAsync(ct);
            if (named != default)
            {
                await access.RequireNamedAsync(actor, named, AuditResource, unitHoldsRecords: false, ct);
            }
        }
        // Access as a query: the database joins the rules with the search, so a page costs one page of work however many
        // people match, and paging and the total are the database's.
        var filtered = Filter(db.Set<Resident>().AsNoTracking(), search);
        var name = search.Text("name");
        var byNameOnly = search.Token("identifier") is null && !search.Dates("birthdate").Any();
        var rows = search.Count == 0 ? []
            : name is null ? await PageAsync(actor, filtered, search.Offset, search.Count + 1, ct)
            : byNameOnly && access.RuleArguments(actor) is { } rule && SearchKey.PrefixRange(name) is (var from, { } to)
                ? await CompiledNamePageAsync(rule, from, to, search.Offset, search.Count + 1, ct)
                : await NamePageAsync(actor, filtered, name, search.Offset, search.Count + 1, ct);
        var more = rows.Count > search.Count;
        var page = rows.Take(search.Count).ToList();
        var grants = await access.GrantsFromAsync(actor, page.Select(p => (p.Resident.Id, p.ListedAt, p.Grounds)).ToList(), new AccessRequest(AuditResource, AuditAction.Search), ct);
        var shown = grants.Select(g => g.Resident).ToHashSet();
        page = page.Where(p => shown.Contains(p.Resident.Id)).ToList();
        int? total = search.WantsTotal
            ? await access.WhereAllowed(name is null ? filtered : ResidentDirectory.NameStartsWith(filtered, name), r => r.Id, actor).CountAsync(ct)
            : null;
        var units = await organisation.GetUnitsAsync(page.Where(p => p.ListedAt is not null).Select(p => p.ListedAt!.Value).Distinct(), ct);
        var municipalities = await organisation.MunicipalityNamesAsync(ct);
        var mapped = page.Select(p => (Resource)ToPatient(p.Resident, p.ListedAt, units, municipalities)).ToList();
        // One audit event per person shown, written in one batch.
        await access.AuditAllAsync(grants, null, ct);
        if (page.Count == 0)
        {
            await access.AuditSearchAsync(actor, null, AuditResource, ct);
        }
        return new FhirPage(mapped, total, more);
    }

    private sealed record Row(Resident Resident, UnitId? ListedAt, PageRow<Resident> Grounds);

    // Page order: family name, given name, personnummer, by their folded keys (byte order in SQL, ordinal here).
    private static readonly Comparer<Row> PageOrder = Comparer<Row>.Create((a, b) =>
        string.CompareOrdinal(a.Resident.FamilyNameSearchKey, b.Resident.FamilyNameSearchKey) is var family and not 0 ? family
        : string.CompareOrdinal(a.Resident.GivenNameSearchKey, b.Resident.GivenNameSearchKey) is var given and not 0 ? given
        : string.CompareOrdinal(a.Resident.Personnummer, b.Resident.Personnummer));

    // A name matches the family name or the given name. Each part is read in page order from its own index range and the
    // two are merged here, so a common surname stops after the page instead of deciding access for every match. Whether
    // any given name matches (without the family name) is asked first, on the index alone: for a surname it is usually
    // no, and the second query with the access rules is not sent.
    private async Task<List<Row>> NamePageAsync(Actor actor, IQueryable<Resident> filtered, string name, int skip, int take, CancellationToken ct)
    {
        var family = await PageAsync(actor, ResidentDirectory.FamilyNameStartsWith(filtered, name), 0, skip + take, ct);
        var givenOnly = ResidentDirectory.OnlyGivenNameStartsWith(filtered, name);
        var given = await givenOnly.AnyAsync(ct) ? await PageAsync(actor, givenOnly, 0, skip + take, ct) : [];
        return given.Count == 0 ? family.Skip(skip).Take(take).ToList() : family.Concat(given).Order(PageOrder).Skip(skip).Take(take).ToList();
    }

    // The name search of a member of staff, the most common search, as two compiled queries (family name, then given name
    // only) that serve every member of staff: the access rules are the same expressions as WhereAllowed and WithGrounds
    // (ResidentAccess.ExpandRules), written over the queries' parameters, so EF Core translates them once per engine
    // instead of on every search. Same order, same merge and same rows as NamePageAsync (PatientFhirTests compare both).
    private async Task<List<Row>> CompiledNamePageAsync(RuleArgumentValues rule, string from, string to, int skip, int take, CancellationToken ct)
    {
        var family = await ReadAsync(FamilyPage.For(db, () => EF.CompileAsyncQuery(access.ExpandRules(WithName(PageQuery, FamilyIn))))(
            db, from, to, rule.Staff, rule.Unit, rule.Now, rule.Since, rule.SinceDate, skip + take), ct);
        var given = await AnyGivenOnly.For(db)(db, from, to, ct)
            ? await ReadAsync(GivenOnlyPage.For(db, () => EF.CompileAsyncQuery(access.ExpandRules(WithName(PageQuery, GivenOnlyIn))))(
                db, from, to, rule.Staff, rule.Unit, rule.Now, rule.Since, rule.SinceDate, skip + take), ct)
            : [];
        return given.Count == 0 ? family.Skip(skip).Take(take).ToList() : family.Concat(given).Order(PageOrder).Skip(skip).Take(take).ToList();
    }

    private static async Task<List<Row>> ReadAsync(IAsyncEnumerable<NameRow> rows, CancellationToken ct)
    {
        var list = new List<Row>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(new Row(row.Grounds.Row, row.ListedAt, row.Grounds));
        }
        return list;
    }

    /// <summary>A row of a compiled name page: the resident with the access grounds, and the unit where they are listed.</summary>
    internal sealed class NameRow
    {
        public required PageRow<Resident> Grounds { get; init; }

        public UnitId? ListedAt { get; init; }
    }

#pragma warning disable CA1309 // string.Compare names the SQL operator on the folded keys (see ResidentDirectory)
    // The two halves of a name match: the family name in the prefix's key range, and the given name without the family name.
    private static readonly Expression<Func<Resident, string, string, bool>> FamilyIn =
        (r, from, to) => string.Compare(r.FamilyNameSearchKey, from) >= 0 && string.Compare(r.FamilyNameSearchKey, to) < 0;

    private static readonly Expression<Func<Resident, string, string, bool>> GivenOnlyIn =
        (r, from, to) => string.Compare(r.GivenNameSearchKey, from) >= 0 && string.Compare(r.GivenNameSearchKey, to) < 0
            && !(string.Compare(r.FamilyNameSearchKey, from) >= 0 && string.Compare(r.FamilyNameSearchKey, to) < 0);
#pragma warning restore CA1309

    // A page in name order with the access grounds and the listing, for either half (NameMatch stands for it).
    private static readonly Expression<Func<NaraDbContext, string, string, StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, int, IQueryable<NameRow>>> PageQuery =
        (db, from, to, staff, unit, now, since, sinceDate, take) => db.Set<Resident>().AsNoTracking()
            .Where(r => NameMatch(r, from, to))
            .Where(r => AccessRule.Allowed(r.Id))
            .OrderBy(r => r.FamilyNameSearchKey).ThenBy(r => r.GivenNameSearchKey).ThenBy(r => r.Personnummer)
            .Take(take)
            .Select(r => new NameRow
            {
                Grounds = new PageRow<Resident> { Row = r, Related = AccessRule.Related(r.Id), Emergency = AccessRule.Emergency(r.Id), Consented = AccessRule.Consented(r.Id), Blocked = AccessRule.Blocked(r.Id) },
                ListedAt = db.Set<Listing>().Where(l => l.ResidentId == r.Id && l.To == null).OrderByDescending(l => l.From).Select(l => (UnitId?)l.UnitId).FirstOrDefault(),
            });

    private static readonly CompiledPerEngine<Func<NaraDbContext, string, string, CancellationToken, Task<bool>>> AnyGivenOnly = new(() =>
        EF.CompileAsyncQuery(WithName<Func<NaraDbContext, string, string, CancellationToken, bool>>(
            (db, from, to, ct) => db.Set<Resident>().Any(r => NameMatch(r, from, to)), GivenOnlyIn)));

    // A marker for WithName: replaced by one half of the name match before the query is compiled, never run.
    private static bool NameMatch(Resident resident, string from, string to) =>
        throw new InvalidOperationException($"NameMatch({resident.Id}, {from}, {to}) must be replaced with WithName before the query runs.");

    private static Expression<TDelegate> WithName<TDelegate>(Expression<TDelegate> query, Expression<Func<Resident, string, string, bool>> match) =>
        System.Linq.Expressions.Expression.Lambda<TDelegate>(new NameMatchExpander(match).Visit(query.Body), query.Parameters);

    private sealed class NameMatchExpander(Expression<Func<Resident, string, string, bool>> match) : ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.Name == nameof(NameMatch) && node.Method.DeclaringType == typeof(PatientResource)
                ? new ReplacingExpressionVisitor(match.Parameters.ToArray(), node.Arguments.Select(Visit).ToArray()!).Visit(match.Body)
                : base.VisitMethodCall(node);
    }

    private static readonly CompiledPerEngine<Func<NaraDbContext, string, string, StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, int, IAsyncEnumerable<NameRow>>> FamilyPage = new();
    private static readonly CompiledPerEngine<Func<NaraDbContext, string, string, StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, int, IAsyncEnumerable<NameRow>>> GivenOnlyPage = new();

    // The page in order, with each row's listing and its access grounds read in the same statement (the audit basis
    // needs no second query).
    private async Task<List<Row>> PageAsync(Actor actor, IQueryable<Resident> residents, int skip, int take, CancellationToken ct)
    {
        var page = access.WhereAllowed(residents, r => r.Id, actor)
            .OrderBy(r => r.FamilyNameSearchKey).ThenBy(r => r.GivenNameSearchKey).ThenBy(r => r.Personnummer)
            .Skip(skip).Take(take);
        var rows = await access.WithGrounds(page, r => r.Id, actor)
            .Select(g => new
            {
                Grounds = g,
                ListedAt = db.Set<Listing>().Where(l => l.ResidentId == g.Row.Id && l.To == null).OrderByDescending(l => l.From).Select(l => (UnitId?)l.UnitId).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(x => new Row(x.Grounds.Row, x.ListedAt, x.Grounds)).ToList();
    }

    private IQueryable<Resident> Filter(IQueryable<Resident> query, FhirSearch search)
    {
        if (search.Token("identifier") is { } identifier)
        {
            if (!Personnummer.TryParse(identifier.Code, Platform.Time.Stockholm.Today(time), out var pnr, out var error))
            {
                throw FhirException.BadParameter("identifier", error);
            }
            var expected = pnr.IsCoordinationNumber ? FhirSystems.Samordningsnummer : FhirSystems.Personnummer;
            var value = pnr.Value;
            // A token with another system (or one that does not fit the number) matches nobody, as FHIR token search says.
            query = identifier.System is null || identifier.System == expected
                ? query.Where(r => r.Personnummer == value)
                : query.Where(_ => false);
        }
        foreach (var date in search.Dates("birthdate"))
        {
            var start = DateOnly.FromDateTime(date.Start.DateTime);
            var end = DateOnly.FromDateTime(date.End.DateTime);
            query = date.Prefix switch
            {
                "eq" => query.Where(r => r.BirthDate >= start && r.BirthDate < end),
                "ge" => query.Where(r => r.BirthDate >= start),
                "gt" => query.Where(r => r.BirthDate >= end),
                "le" => query.Where(r => r.BirthDate < end),
                "lt" => query.Where(r => r.BirthDate < start),
                _ => throw FhirException.BadParameter("birthdate", $"prefixet '{date.Prefix}' stöds inte."),
            };
        }
        return query;
    }

    private static Patient ToPatient(Resident r, UnitId? listedAt, IReadOnlyDictionary<UnitId, UnitSummary> units, IReadOnlyDictionary<string, string> municipalities)
    {
        // Day of month above 60 marks a samordningsnummer; the stored value is always the validated twelve-digit form.
        var coordination = r.Personnummer.Length == 12 && int.TryParse(r.Personnummer.AsSpan(6, 2), out var day) && day > 60;
        var patient = new Patient
        {
            Id = FhirIds.Of(r.Id),
            Active = true,
            Identifier = [new Identifier(coordination ? FhirSystems.Samordningsnummer : FhirSystems.Personnummer, r.Personnummer) { Use = Identifier.IdentifierUse.Official }],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = r.FamilyName, Given = r.GivenName.Split(' ', StringSplitOptions.RemoveEmptyEntries), Text = r.FullName }],
            Gender = r.Sex == Sex.Kvinna ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = r.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Address = [new Address { Use = Address.AddressUse.Home, District = r.AddressArea, City = municipalities.GetValueOrDefault(r.MunicipalityCode), Country = "SE" }],
            Communication = [new Patient.CommunicationComponent { Language = new CodeableConcept("urn:ietf:bcp:47", r.PreferredLanguage), Preferred = true }],
        };
        if (r.Phone is { Length: > 0 } phone)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, phone));
        }
        if (r.Email is { Length: > 0 } email)
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, email));
        }
        if (listedAt is { } unit)
        {
            patient.GeneralPractitioner = [FhirIds.Reference("Organization", unit, units.GetValueOrDefault(unit)?.Name)];
        }
        return patient;
    }
}
