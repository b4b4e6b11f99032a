using System.Diagnostics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Platform.Access;

/// <summary>A module that knows of care relationships (listing, booking, referral, care team) contributes one of these.</summary>
public interface ICareRelationshipSource
{
    /// <summary>
    /// The residents with an active care relationship with a unit, as an expression of the context, the unit and the
    /// start of the follow-up window (<see cref="CareRelationship.FollowUpDays"/> back, as a time and as a Stockholm
    /// date): the database runs it inside the access rule and never materialises it, so deciding for one resident and
    /// filtering a search of thousands are the same SQL, and one compiled query serves every member of staff.
    /// </summary>
    Expression<Func<NaraDbContext, UnitId, DateTimeOffset, DateOnly, IQueryable<ResidentId>>> RelatedTo { get; }
}

/// <summary>What of a resident's information is hidden from a member of staff (<see cref="ResidentAccess.HiddenAsync"/>).</summary>
/// <param name="Units">Every unit whose information is hidden.</param>
/// <param name="Blocked">The units hidden because the resident blocked them.</param>
/// <param name="NotShared">The other principal, when its information is hidden for want of the resident's consent to sharing.</param>
public sealed record HiddenInformation(IReadOnlySet<UnitId> Units, IReadOnlySet<UnitId> Blocked, Principal? NotShared)
{
    public static readonly HiddenInformation None = new(new HashSet<UnitId>(), new HashSet<UnitId>(), null);
}

/// <summary>How long a contact keeps a care relationship with the unit after it ended, so the unit can follow up.</summary>
public static class CareRelationship
{
    public const int FollowUpDays = 30;
}

/// <summary>The residents, and whom a resident may act for, as queries the access rule is read from.</summary>
public interface IResidentSource
{
    /// <summary>
    /// Every resident's id, as an expression of the context: the rows a decision about given residents is read from, in
    /// queries compiled once and shared by every member of staff.
    /// </summary>
    Expression<Func<NaraDbContext, IQueryable<ResidentId>>> AllResidents { get; }

    /// <summary>The children a resident may act for: a custodian's children under 13.</summary>
    IQueryable<ResidentId> ChildrenOf(ResidentId guardian);
}

public sealed record AccessDecision(bool Allowed, AccessBasis Basis, string? Explanation)
{
    public static readonly AccessDecision NoAccess = new(false, AccessBasis.None,
        "Du har ingen vårdrelation med patienten på din enhet och patienten har inte samtyckt till sammanhållen journalföring. Nödåtkomst kräver ett angivet skäl och följs upp.");

    /// <summary>Consent is given, but the person has blocked (spärrat) their information for the actor's unit. What the block hides is not said.</summary>
    public static readonly AccessDecision Blocked = new(false, AccessBasis.None,
        "Patienten har spärrat sina uppgifter för din enhet, och du har ingen vårdrelation med patienten här. Nödåtkomst kräver ett angivet skäl och följs upp.");
}

/// <summary>
/// The one place where the access rules of the Patient Data Act (PDL) are applied and every access to a resident's
/// personal health data is written to the audit log. A use case declares what it reaches with an
/// <see cref="AccessRequest"/> and calls <see cref="RequireAsync"/> once (endpoints with a resident in the route use
/// <see cref="ResidentAccessFilter"/>, which does the same): a refusal is audited and answered (403, or 404 where the
/// record's existence is not the caller's to know), an allowed access is audited with the basis the rules gave, through
/// the returned <see cref="AccessGrant"/>. Handlers never decide access or write an allowed event with a basis of their
/// own; an architecture test fails when a type that queries personal data declares no access.
/// </summary>
public sealed class ResidentAccess(
    NaraDbContext db,
    IEnumerable<ICareRelationshipSource> relationships,
    IResidentSource residents,
    TimeProvider time,
    AuditWriter writer,
    AuditScope scope,
    Microsoft.Extensions.Options.IOptions<AccessOptions> options,
    IOrganisationDirectory organisation)
{
    /// <summary>Whether the actor may reach the resident's data under the PDL rules. Audits nothing: for what a page offers, never to show data.</summary>
    public Task<AccessDecision> DecideAsync(Actor actor, ResidentId resident, CancellationToken ct) =>
        DecideAsync(actor, resident, currentListing: null, ct);

    /// <summary>
    /// As <see cref="DecideAsync(Actor, ResidentId, CancellationToken)"/>, with the unit where the resident is listed
    /// today when the caller has already read it with the resident. An open listing is a care relationship with that
    /// unit, so a listing at the actor's unit decides without another query; otherwise every source is asked as usual.
    /// </summary>
    public async Task<AccessDecision> DecideAsync(Actor actor, ResidentId resident, UnitId? currentListing, CancellationToken ct)
    {
        if (actor.IsResident)
        {
            if (actor.ResidentId == resident)
            {
                return SelfDecision;
            }
            return await residents.ChildrenOf(actor.ResidentId).AnyAsync(c => c == resident, ct) ? GuardianDecision : NotYoursDecision;
        }
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            return RoleDecision;
        }
        if (currentListing == unit)
        {
            return CareRelationshipDecision;
        }
        var now = time.GetUtcNow();
        var found = await OneResidentGrounds.For(db, () => EF.CompileAsyncQuery(Expanded(OneResidentQuery)))(
            db, resident, actor.StaffId, unit, now, now.AddDays(-CareRelationship.FollowUpDays), Stockholm.Today(time).AddDays(-CareRelationship.FollowUpDays), ct);
        return found is null ? AccessDecision.NoAccess : Decide(found);
    }

    // The decision about one resident, the most common (every page and post about a patient): the rules as one query
    // compiled once per engine and shared by every member of staff, the same rule expressions as GroundsAsync, where
    // building and translating the rule-expanded query on each call cost a couple of milliseconds of CPU per request.
    private static readonly CompiledPerEngine<Func<NaraDbContext, ResidentId, StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, CancellationToken, Task<Grounds?>>> OneResidentGrounds = new();

    private static readonly Expression<Func<NaraDbContext, ResidentId, StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, CancellationToken, Grounds?>> OneResidentQuery =
        (db, id, staff, unit, now, since, sinceDate, ct) => AllResidentsMarker(db).Where(r => r == id)
            .Select(r => new Grounds(r, AccessRule.Related(r), AccessRule.Emergency(r), AccessRule.Consented(r), AccessRule.Blocked(r)))
            .FirstOrDefault();

    // The grounds for a page of residents (GrantsAsync), compiled the same way: one statement for the page, the ids as one
    // collection parameter.
    private static readonly CompiledPerEngine<Func<NaraDbContext, ResidentId[], StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, IAsyncEnumerable<Grounds>>> PageGrounds = new();

    private static readonly Expression<Func<NaraDbContext, ResidentId[], StaffId, UnitId, DateTimeOffset, DateTimeOffset, DateOnly, IQueryable<Grounds>>> PageQuery =
        (db, ids, staff, unit, now, since, sinceDate) => AllResidentsMarker(db).Where(r => ids.Contains(r))
            .Select(r => new Grounds(r, AccessRule.Related(r), AccessRule.Emergency(r), AccessRule.Consented(r), AccessRule.Blocked(r)));

    /// <summary>The query with the residents' source put in for its marker and the rules for theirs, ready to compile.</summary>
    private Expression<TDelegate> Expanded<TDelegate>(Expression<TDelegate> query) =>
        ExpandRules(Expression.Lambda<TDelegate>(new AllResidentsExpander(residents.AllResidents).Visit(query.Body), query.Parameters));

    // A marker for OneResidentQuery: replaced by the resident source's expression before the query is compiled, never run.
    private static IQueryable<ResidentId> AllResidentsMarker(NaraDbContext db) =>
        throw new InvalidOperationException($"The residents of {db.GetType().Name} must be expanded before the query runs.");

    private sealed class AllResidentsExpander(Expression<Func<NaraDbContext, IQueryable<ResidentId>>> all) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.Name == nameof(AllResidentsMarker) && node.Method.DeclaringType == typeof(ResidentAccess)
                ? new ReplacingExpressionVisitor([all.Parameters[0]], [Visit(node.Arguments[0])]).Visit(all.Body)
                : base.VisitMethodCall(node);
    }

    /// <summary>
    /// The grants the rules give for a page of residents (the hits of a search already narrowed by
    /// <see cref="WhereAllowed"/>), in the page's order, leaving out anyone refused; audits nothing. One query for the
    /// page, whatever its size (none when every resident is the actor's own or listed at the actor's unit).
    /// </summary>
    public async Task<IReadOnlyList<AccessGrant>> GrantsAsync(Actor actor, IReadOnlyList<(ResidentId Resident, UnitId? CurrentListing)> page, AccessRequest request, CancellationToken ct)
    {
        var decisions = new Dictionary<ResidentId, AccessDecision>();
        if (actor.IsResident)
        {
            var others = page.Select(p => p.Resident).Where(r => r != actor.ResidentId).Distinct().ToList();
            var children = others.Count == 0 ? [] : await residents.ChildrenOf(actor.ResidentId).Where(c => others.Contains(c)).ToListAsync(ct);
            foreach (var (resident, _) in page)
            {
                decisions[resident] = resident == actor.ResidentId ? SelfDecision : children.Contains(resident) ? GuardianDecision : NotYoursDecision;
            }
        }
        else if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            return [];
        }
        else
        {
            var unknown = page.Where(p => p.CurrentListing != unit).Select(p => p.Resident).Distinct().ToList();
            var grounds = unknown.Count == 0 ? [] : await GroundsAsync(actor.StaffId, unit, unknown, ct);
            foreach (var (resident, listing) in page)
            {
                decisions[resident] = listing == unit ? CareRelationshipDecision
                    : grounds.TryGetValue(resident, out var found) ? Decide(found) : AccessDecision.NoAccess;
            }
        }
        return page.Select(p => decisions[p.Resident]).Zip(page)
            .Where(x => x.First.Allowed)
            .Select(x => new AccessGrant(this, actor, x.Second.Resident, request, x.First.Basis))
            .ToList();
    }

    /// <summary>
    /// Narrows a query to the rows about residents the actor may reach under the rules, as a filter the database applies
    /// (access as a query): the same sources as <see cref="DecideAsync(Actor, ResidentId, CancellationToken)"/>, so a
    /// search costs one page of work, not one decision per match. A test compares both over every persona and resident
    /// of the demo region.
    /// </summary>
    public IQueryable<T> WhereAllowed<T>(IQueryable<T> source, Expression<Func<T, ResidentId>> residentOf, Actor actor)
    {
        var allowed = AllowedFilter(actor);
        var body = ReplacingExpressionVisitor.Replace(allowed.Parameters[0], residentOf.Body, allowed.Body);
        return source.Where(Expression.Lambda<Func<T, bool>>(body, residentOf.Parameters));
    }

    /// <summary>
    /// A page's rows with what the rules weigh for each (care relationship, emergency access, consent, block) read in the
    /// same statement, for <see cref="GrantsFromAsync"/>: a search narrowed by <see cref="WhereAllowed"/> then needs no second
    /// query for its audit basis. For a member of staff at a unit; anyone else's grounds are all false.
    /// </summary>
    public IQueryable<PageRow<T>> WithGrounds<T>(IQueryable<T> source, Expression<Func<T, ResidentId>> residentOf, Actor actor)
    {
        var row = residentOf.Parameters[0];
        Expression related = Expression.Constant(false), emergency = related, consented = related, blocked = related;
        if (!actor.IsResident && actor.IsClinician && actor.Unit is { } unit)
        {
            var sets = Sets(TermsFor(actor.StaffId, unit));
            related = AnyOf(sets.Related, residentOf.Body);
            emergency = In(sets.Emergency, residentOf.Body);
            consented = In(sets.Consented, residentOf.Body);
            blocked = In(sets.Blocked, residentOf.Body);
        }
        var type = typeof(PageRow<T>);
        var body = Expression.MemberInit(Expression.New(type),
            Expression.Bind(type.GetProperty(nameof(PageRow<T>.Row))!, row),
            Expression.Bind(type.GetProperty(nameof(PageRow<T>.Related))!, related),
            Expression.Bind(type.GetProperty(nameof(PageRow<T>.Emergency))!, emergency),
            Expression.Bind(type.GetProperty(nameof(PageRow<T>.Consented))!, consented),
            Expression.Bind(type.GetProperty(nameof(PageRow<T>.Blocked))!, blocked));
        return source.Select(Expression.Lambda<Func<T, PageRow<T>>>(body, row));
    }

    /// <summary>
    /// The grants for a page read with <see cref="WithGrounds"/>, in the page's order, leaving out anyone refused; no
    /// query for staff (the grounds came with the rows), the same as <see cref="GrantsAsync"/> for residents.
    /// </summary>
    public async Task<IReadOnlyList<AccessGrant>> GrantsFromAsync<T>(Actor actor, IReadOnlyList<(ResidentId Resident, UnitId? CurrentListing, PageRow<T> Grounds)> page, AccessRequest request, CancellationToken ct)
    {
        if (actor.IsResident || !actor.IsClinician || actor.Unit is not { } unit)
        {
            return await GrantsAsync(actor, page.Select(p => (p.Resident, p.CurrentListing)).ToList(), request, ct);
        }
        return page
            .Select(p => (p.Resident, Decision: p.CurrentListing == unit ? CareRelationshipDecision
                : Decide(new Grounds(p.Resident, p.Grounds.Related, p.Grounds.Emergency, p.Grounds.Consented, p.Grounds.Blocked))))
            .Where(x => x.Decision.Allowed)
            .Select(x => new AccessGrant(this, actor, x.Resident, request, x.Decision.Basis))
            .ToList();
    }

    /// <summary>
    /// A query written once for every member of staff, with <see cref="AccessRule"/> markers where the rules apply: each
    /// marker becomes its rule, written over the query's own parameters named <c>db</c> (the context), <c>staff</c>,
    /// <c>unit</c>, <c>now</c>, <c>since</c> and <c>sinceDate</c> (the start of the follow-up window as a time and as a
    /// date). Compile the result once per engine (<see cref="CompiledPerEngine{TQuery}"/>) and call it with
    /// <see cref="RuleArguments"/>: the same rule expressions as <see cref="WhereAllowed"/> and <see cref="WithGrounds"/>,
    /// translated once instead of on every search.
    /// </summary>
    public Expression<TDelegate> ExpandRules<TDelegate>(Expression<TDelegate> query)
    {
        ParameterExpression Named(string name) => query.Parameters.Single(p => p.Name == name);
        var sets = Sets(new RuleTerms(Named("db"), Named("staff"), Named("unit"), Named("now"), Named("since"), Named("sinceDate")));
        return Expression.Lambda<TDelegate>(new MarkerExpander(sets).Visit(query.Body), query.Parameters);
    }

    /// <summary>The values of <see cref="ExpandRules{TDelegate}"/>'s rule parameters for a member of staff at a unit; null for anyone else.</summary>
    public RuleArgumentValues? RuleArguments(Actor actor)
    {
        if (actor.IsResident || !actor.IsClinician || actor.Unit is not { } unit)
        {
            return null;
        }
        var now = time.GetUtcNow();
        return new RuleArgumentValues(actor.StaffId, unit, now, now.AddDays(-CareRelationship.FollowUpDays), Stockholm.Today(time).AddDays(-CareRelationship.FollowUpDays));
    }

    private sealed class MarkerExpander((IReadOnlyList<Expression> Related, Expression Emergency, Expression Consented, Expression Blocked) sets) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(AccessRule))
            {
                return base.VisitMethodCall(node);
            }
            var id = Visit(node.Arguments[0]);
            return node.Method.Name switch
            {
                nameof(AccessRule.Allowed) => Allowed(sets, id),
                nameof(AccessRule.Related) => AnyOf(sets.Related, id),
                nameof(AccessRule.Emergency) => In(sets.Emergency, id),
                nameof(AccessRule.Consented) => In(sets.Consented, id),
                nameof(AccessRule.Blocked) => In(sets.Blocked, id),
                _ => throw new UnreachableException(node.Method.Name),
            };
        }
    }

    private static readonly AccessDecision SelfDecision = new(true, AccessBasis.Self, null);
    private static readonly AccessDecision GuardianDecision = new(true, AccessBasis.Guardian, null);
    private static readonly AccessDecision CareRelationshipDecision = new(true, AccessBasis.CareRelationship, null);
    private static readonly AccessDecision EmergencyDecision = new(true, AccessBasis.EmergencyAccess, null);
    private static readonly AccessDecision SharedRecordsDecision = new(true, AccessBasis.SharedRecords, null);
    private static readonly AccessDecision NotYoursDecision = new(false, AccessBasis.None, "Du kan bara se dina egna uppgifter och dina barns uppgifter till och med 12 års ålder.");
    private static readonly AccessDecision RoleDecision = new(false, AccessBasis.None, "Din roll ger inte åtkomst till patientuppgifter.");

    /// <summary>What the rules weigh for one resident and a member of staff at a unit, read together in one query.</summary>
    private sealed record Grounds(ResidentId Resident, bool Related, bool Emergency, bool Consented, bool Blocked);

    // The rules in their order: a care relationship at the unit, then emergency access, then consent to shared records
    // unless the resident has blocked the unit.
    private static AccessDecision Decide(Grounds g) =>
        g.Related ? CareRelationshipDecision
        : g.Emergency ? EmergencyDecision
        : g.Consented ? (g.Blocked ? AccessDecision.Blocked : SharedRecordsDecision)
        : AccessDecision.NoAccess;

    /// <summary>What the rule's expressions are written over: the context, the member of staff, the unit, now and the
    /// start of the follow-up window. For one request they are its values (EF Core makes them SQL parameters); in a
    /// compiled query they are the query's own parameters.</summary>
    private sealed record RuleTerms(Expression Db, Expression Staff, Expression Unit, Expression Now, Expression Since, Expression SinceDate);

    private sealed class Value<T>(T value)
    {
        public readonly T Current = value;
    }

    private static MemberExpression Captured<T>(T value) => Expression.Field(Expression.Constant(new Value<T>(value)), nameof(Value<T>.Current));

    private RuleTerms TermsFor(StaffId staff, UnitId unit)
    {
        var now = time.GetUtcNow();
        return new RuleTerms(Expression.Constant(db), Captured(staff), Captured(unit), Captured(now),
            Captured(now.AddDays(-CareRelationship.FollowUpDays)), Captured(Stockholm.Today(time).AddDays(-CareRelationship.FollowUpDays)));
    }

    private static readonly Expression<Func<NaraDbContext, StaffId, UnitId, DateTimeOffset, IQueryable<ResidentId>>> EmergencySet =
        (db, staff, unit, now) => db.Set<EmergencyAccess>().Where(e => e.StaffId == staff && e.UnitId == unit && e.ExpiresAt > now).Select(e => e.ResidentId);

    private static readonly Expression<Func<NaraDbContext, IQueryable<ResidentId>>> ConsentedSet =
        db => db.Set<SharedRecordsConsent>().Where(c => c.Consented).Select(c => c.ResidentId);

    private static readonly Expression<Func<NaraDbContext, UnitId, IQueryable<ResidentId>>> BlockedSet =
        (db, unit) => db.Set<AccessBlock>().Where(b => b.UnitId == unit && b.LiftedAt == null).Select(b => b.ResidentId);

    private static Expression Inline(LambdaExpression template, params Expression[] terms) =>
        new ReplacingExpressionVisitor(template.Parameters.ToArray(), terms).Visit(template.Body);

    /// <summary>The sets of residents each rule admits for a member of staff at a unit, as expressions of <paramref name="t"/>.</summary>
    private (IReadOnlyList<Expression> Related, Expression Emergency, Expression Consented, Expression Blocked) Sets(RuleTerms t) => (
        relationships.Select(r => Inline(r.RelatedTo, t.Db, t.Unit, t.Since, t.SinceDate)).ToList(),
        Inline(EmergencySet, t.Db, t.Staff, t.Unit, t.Now),
        Inline(ConsentedSet, t.Db),
        Inline(BlockedSet, t.Db, t.Unit));

    private async Task<Dictionary<ResidentId, Grounds>> GroundsAsync(StaffId staff, UnitId unit, IReadOnlyList<ResidentId> ids, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = new Dictionary<ResidentId, Grounds>();
        var page = PageGrounds.For(db, () => EF.CompileAsyncQuery(Expanded(PageQuery)))(
            db, ids.ToArray(), staff, unit, now, now.AddDays(-CareRelationship.FollowUpDays), Stockholm.Today(time).AddDays(-CareRelationship.FollowUpDays));
        await foreach (var grounds in page.WithCancellation(ct))
        {
            rows[grounds.Resident] = grounds;
        }
        return rows;
    }

    private Expression<Func<ResidentId, bool>> AllowedFilter(Actor actor)
    {
        if (actor.IsResident)
        {
            var self = actor.ResidentId;
            var children = residents.ChildrenOf(self);
            return r => r == self || children.Contains(r);
        }
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            return _ => false;
        }
        var id = Expression.Parameter(typeof(ResidentId), "id");
        return Expression.Lambda<Func<ResidentId, bool>>(Allowed(Sets(TermsFor(actor.StaffId, unit)), id), id);
    }

    private static readonly System.Reflection.MethodInfo QueryableAny = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Any) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(ResidentId));

    // "EXISTS (the set's query AND resident = id)": the set's expression inlined, as EF does with a query captured in a
    // lambda. EXISTS, not IN: correlated, it probes each set's (resident, …) index for the rows a search matches, where
    // IN would build every set in full (every consent in the region) for each search.
    // The second condition is always true (no resident has the empty id) but names the outer row on its own: PostgreSQL
    // then cannot turn the EXISTS into a hashed subplan, which would read the whole set (every consent in the region)
    // into a hash table on every search because its estimate does not see the page's LIMIT; it probes per row instead.
    private static MethodCallExpression In(Expression set, Expression id)
    {
        var x = Expression.Parameter(typeof(ResidentId), "x");
        var match = Expression.AndAlso(Expression.Equal(x, id), Expression.NotEqual(id, Expression.Constant(default(ResidentId))));
        return Expression.Call(QueryableAny, set, Expression.Lambda<Func<ResidentId, bool>>(match, x));
    }

    // The rules in their order (see Decide): a care relationship, emergency access, or consent without a block.
    private static BinaryExpression Allowed((IReadOnlyList<Expression> Related, Expression Emergency, Expression Consented, Expression Blocked) sets, Expression id) =>
        Expression.OrElse(
            Expression.OrElse(AnyOf(sets.Related, id), In(sets.Emergency, id)),
            Expression.AndAlso(In(sets.Consented, id), Expression.Not(In(sets.Blocked, id))));

    private static Expression AnyOf(IReadOnlyList<Expression> sets, Expression id) =>
        sets.Count == 0 ? Expression.Constant(false) : sets.Select(s => (Expression)In(s, id)).Aggregate(Expression.OrElse);

    /// <summary>The decision for a declared request: who may do it at all, the holding unit, then the PDL rules.</summary>
    public async Task<AccessDecision> DecideAsync(Actor actor, ResidentId resident, AccessRequest request, CancellationToken ct)
    {
        if (request.ResidentsOnly is { } residentsOnly && !actor.IsResident)
        {
            return new AccessDecision(false, AccessBasis.None, residentsOnly);
        }
        if (request.StaffOnly is { } staffOnly && actor.IsResident)
        {
            return new AccessDecision(false, AccessBasis.None, staffOnly);
        }
        if (!actor.IsResident && !actor.IsClinician)
        {
            return RoleDecision;
        }
        if (!actor.IsResident && request.HeldBy is { } holder)
        {
            if (actor.Unit != holder)
            {
                return new AccessDecision(false, AccessBasis.None, request.OtherUnitRefusal ?? "Uppgiften hör till en annan enhet än den du arbetar på.");
            }
            if (request.UnitRecordSuffices)
            {
                return new AccessDecision(true, AccessBasis.CareRelationship, null);
            }
        }
        return await DecideAsync(actor, resident, request.CurrentListing, ct);
    }

    /// <summary>
    /// The declared access check. Refused: the attempt is audited (Denied) and a <see cref="ProblemException"/> is thrown
    /// (403 with the reason, or the request's <see cref="AccessRequest.HiddenAs"/> 404). Allowed: the access is audited
    /// now with the rules' basis, unless the request defers that to <see cref="AccessGrant.AuditAsync(string?, CancellationToken)"/>.
    /// </summary>
    public async Task<AccessGrant> RequireAsync(Actor actor, ResidentId resident, AccessRequest request, CancellationToken ct)
    {
        var decision = await DecideAsync(actor, resident, request, ct);
        if (!decision.Allowed)
        {
            await WriteAsync(NewEvent(actor, resident, request.Resource, request.Action, AuditOutcome.Denied, AccessBasis.None, null), ct);
            throw request.HiddenAs is { } hidden
                ? ProblemException.NotFound(hidden.Field, hidden.Message)
                : ProblemException.Forbidden(request.RefusedAs ?? decision.Explanation ?? "Åtkomst nekad.");
        }
        var grant = new AccessGrant(this, actor, resident, request, decision.Basis);
        if (!request.AuditWhenDone)
        {
            await grant.AuditAsync(request.Reason, ct);
        }
        return grant;
    }

    /// <summary>
    /// A search that names one person (<c>patient=</c>, <c>identifier=</c>): refused, as a denied attempt on that person
    /// in their log, unless the actor may see them, or (staff) the search shows records their unit holds of them. An
    /// allowed search is audited by the caller, for what it shows.
    /// </summary>
    public async Task RequireNamedAsync(Actor actor, ResidentId named, string resource, bool unitHoldsRecords, CancellationToken ct)
    {
        if (unitHoldsRecords && actor is { IsResident: false, IsClinician: true, Unit: not null })
        {
            return;
        }
        await RequireAsync(actor, named, new AccessRequest(resource, AuditAction.Search) { AuditWhenDone = true }, ct);
    }

    /// <summary>
    /// The grant the rules would give, or null; audits nothing. For choosing what to offer or list (the children a
    /// guardian sees, the hits of a search), whose use is then audited through the grant.
    /// </summary>
    public async Task<AccessGrant?> GrantOrNullAsync(Actor actor, ResidentId resident, AccessRequest request, CancellationToken ct)
    {
        var decision = await DecideAsync(actor, resident, request, ct);
        return decision.Allowed ? new AccessGrant(this, actor, resident, request, decision.Basis) : null;
    }

    /// <summary>
    /// Audits the residents on a list of the records of the units the actor works at or leads (the inbox, the day list,
    /// the waitlist, the waiting room, the care-guarantee follow-up), selected by a query scoped to those units: the
    /// unit's own record is the care relationship. Only staff who work with patients may be shown one.
    /// </summary>
    public async Task AuditUnitListAsync(Actor actor, IEnumerable<ResidentId> residents, string resource, AuditAction action, string? reason, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is null)
        {
            throw new InvalidOperationException("A unit's list is shown only to staff working at a unit.");
        }
        await WriteAsync(residents.Distinct().Select(r => NewEvent(actor, r, resource, action, AuditOutcome.Allowed, AccessBasis.CareRelationship, reason)).ToList(), ct);
    }

    /// <summary>Audits each grant as its declared access (the hits of a search shown), all in one batch.</summary>
    public Task AuditAllAsync(IEnumerable<AccessGrant> grants, string? detail, CancellationToken ct) =>
        WriteAsync(grants.Select(g => NewEvent(g.Actor, g.Resident, g.Request.Resource, g.Request.Action, AuditOutcome.Allowed, g.Basis, detail)).ToList(), ct);

    /// <summary>As <see cref="AuditAllAsync(IEnumerable{AccessGrant}, string?, CancellationToken)"/>, as another action than declared.</summary>
    public Task AuditAllAsync(IEnumerable<AccessGrant> grants, AuditAction action, string? detail, CancellationToken ct) =>
        WriteAsync(grants.Select(g => NewEvent(g.Actor, g.Resident, g.Request.Resource, action, AuditOutcome.Allowed, g.Basis, detail)).ToList(), ct);

    /// <summary>
    /// Audits a search for people that showed who they are but none of their health data (the hits of a patient search,
    /// or none): about the one person found, if one.
    /// </summary>
    public Task AuditSearchAsync(Actor actor, ResidentId? found, string resource, CancellationToken ct) =>
        WriteAsync(NewEvent(actor, found, resource, AuditAction.Search, AuditOutcome.Allowed, AccessBasis.None, null), ct);

    /// <summary>Audits a read or export of aggregated or organisational data about no one in particular.</summary>
    public Task AuditAggregateAsync(Actor actor, string resource, AuditAction action, CancellationToken ct) =>
        AuditOversightAsync(actor, null, resource, action, ct);

    /// <summary>
    /// Audits a review of the log or of aggregates that a role allows without a care relationship (a head of unit over
    /// their units, an administrator): basis Aggregate, about the resident when there is one.
    /// </summary>
    public Task AuditOversightAsync(Actor actor, ResidentId? about, string resource, AuditAction action, CancellationToken ct) =>
        WriteAsync(NewEvent(actor, about, resource, action, AuditOutcome.Allowed, AccessBasis.Aggregate, null), ct);

    /// <summary>As <see cref="AuditOversightAsync"/>, about each of several residents shown (a review list), in one batch.</summary>
    public Task AuditOversightAllAsync(Actor actor, IEnumerable<ResidentId> residents, string resource, AuditAction action, CancellationToken ct) =>
        WriteAsync(residents.Distinct().Select(r => NewEvent(actor, r, resource, action, AuditOutcome.Allowed, AccessBasis.Aggregate, null)).ToList(), ct);

    /// <summary>Audits the registration of a person new to Nära: their record is created, no earlier data is reached (basis None).</summary>
    public Task AuditRegistrationAsync(Actor actor, ResidentId resident, string resource, CancellationToken ct) =>
        WriteAsync(NewEvent(actor, resident, resource, AuditAction.Write, AuditOutcome.Allowed, AccessBasis.None, null), ct);

    /// <summary>Audits a refused attempt the caller answers itself (for example a FHIR read answered with an OperationOutcome).</summary>
    public Task AuditRefusalAsync(Actor actor, ResidentId? resident, string resource, AuditAction action, CancellationToken ct) =>
        WriteAsync(NewEvent(actor, resident, resource, action, AuditOutcome.Denied, AccessBasis.None, null), ct);

    /// <summary>Units whose information is hidden from this actor (<see cref="HiddenAsync"/>); never the actor's own unit.</summary>
    public async Task<IReadOnlySet<UnitId>> HiddenUnitsAsync(Actor actor, ResidentId resident, CancellationToken ct) =>
        (await HiddenAsync(actor, resident, ct)).Units;

    /// <summary>
    /// What of a resident's information a member of staff may not be shown, whatever gave them access: units the
    /// resident has blocked (spärr), and every unit of the other principal (region or municipality) unless the resident
    /// has consented to sharing in that direction (<see cref="SharingConsent"/>). Never the actor's own unit; nothing
    /// for the resident or a guardian.
    /// </summary>
    public async Task<HiddenInformation> HiddenAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        if (actor.IsResident)
        {
            return HiddenInformation.None;
        }
        var own = actor.Unit is { } u ? await organisation.GetUnitAsync(u, ct) : null;
        var mine = own is null ? Principal.Region : UnitTypes.PrincipalOf(own.Type);
        var from = mine == Principal.Kommun ? SharingDirection.RegionTillKommun : SharingDirection.KommunTillRegion;
        var blocked = (await db.Set<AccessBlock>().Where(b => b.ResidentId == resident && b.LiftedAt == null).Select(b => b.UnitId).ToListAsync(ct))
            .Where(b => b != actor.Unit).ToHashSet();
        if (await db.Set<SharingConsent>().AnyAsync(c => c.ResidentId == resident && c.Direction == from && c.WithdrawnAt == null, ct))
        {
            return new HiddenInformation(blocked, blocked, null);
        }
        var other = mine == Principal.Kommun ? Principal.Region : Principal.Kommun;
        var units = (await organisation.ListUnitsAsync(null, ct)).Where(x => UnitTypes.PrincipalOf(x.Type) == other).Select(x => x.Id);
        return new HiddenInformation(blocked.Concat(units).ToHashSet(), blocked, other);
    }

    public async Task<EmergencyAccess> OpenEmergencyAccessAsync(Actor actor, ResidentId resident, string reason, CancellationToken ct)
    {
        if (!actor.IsClinician || actor.Unit is not { } unit)
        {
            throw new InvalidOperationException("Only clinicians working at a unit can open emergency access.");
        }
        var now = time.GetUtcNow();
        var access = new EmergencyAccess
        {
            StaffId = actor.StaffId,
            UnitId = unit,
            ResidentId = resident,
            Reason = reason.Trim(),
            OpenedAt = now,
            ExpiresAt = now.AddHours(options.Value.EmergencyAccessHours),
        };
        db.Add(access);
        db.Add(NewEvent(actor, resident, "Nödåtkomst", AuditAction.EmergencyAccessOpened, AuditOutcome.Allowed, AccessBasis.EmergencyAccess, access.Reason));
        await db.SaveChangesAsync(ct);
        return access;
    }

    /// <summary>Writes an allowed event with the basis of a grant (see <see cref="AccessGrant.AuditAsync(string?, CancellationToken)"/>).</summary>
    internal Task AuditAllowedAsync(AccessGrant grant, string resource, AuditAction action, string? reason, CancellationToken ct) =>
        WriteAsync(NewEvent(grant.Actor, grant.Resident, resource, action, AuditOutcome.Allowed, grant.Basis, reason), ct);

    private Task WriteAsync(AuditEvent auditEvent, CancellationToken ct) => WriteAsync([auditEvent], ct);

    private async Task WriteAsync(IReadOnlyCollection<AuditEvent> events, CancellationToken ct)
    {
        if (events.Any(e => e.Outcome == AuditOutcome.Denied))
        {
            scope.DeniedWritten = true;
        }
        if (db.CollectsWrites)
        {
            // Inside a command's transaction (or its one batch) the event commits (or rolls back) with the change it
            // records. It is saved with the command's next save, at the latest just before the commit (SaveBeforeCommit).
            db.AddRange(events);
            return;
        }
        StatementCounter.CountAuditBatch();
        await writer.WriteAsync(events);
    }

    private AuditEvent NewEvent(Actor actor, ResidentId? resident, string resource, AuditAction action, AuditOutcome outcome, AccessBasis basis, string? reason) => new()
    {
        At = time.GetUtcNow(),
        ActorId = actor.Id,
        ActorName = actor.Name,
        ActorRole = actor.Role,
        ActorUnitId = actor.Unit,
        ResidentId = resident,
        Action = action,
        Resource = resource,
        Outcome = outcome,
        Basis = basis,
        Reason = reason,
        Flagged = basis == AccessBasis.EmergencyAccess,
        TraceId = Activity.Current?.TraceId.ToString(),
    };
}

public sealed class AccessOptions
{
    /// <summary>How long an emergency access lasts before it must be opened again.</summary>
    public int EmergencyAccessHours { get; init; } = 4;
}

/// <summary>The values of a compiled access query's rule parameters (<see cref="ResidentAccess.RuleArguments"/>).</summary>
public sealed record RuleArgumentValues(StaffId Staff, UnitId Unit, DateTimeOffset Now, DateTimeOffset Since, DateOnly SinceDate);

/// <summary>
/// Markers for <see cref="ResidentAccess.ExpandRules{TDelegate}"/>: each stands, in a query expression, for the rule it
/// names applied to a resident. They are replaced before the query is compiled and never run.
/// </summary>
public static class AccessRule
{
    public static bool Allowed(ResidentId resident) => throw Unexpanded(resident);

    public static bool Related(ResidentId resident) => throw Unexpanded(resident);

    public static bool Emergency(ResidentId resident) => throw Unexpanded(resident);

    public static bool Consented(ResidentId resident) => throw Unexpanded(resident);

    public static bool Blocked(ResidentId resident) => throw Unexpanded(resident);

    private static InvalidOperationException Unexpanded(ResidentId _) => new("An access rule marker must be expanded with ResidentAccess.ExpandRules before the query runs.");
}

/// <summary>A row of a page with the access grounds read beside it (<see cref="ResidentAccess.WithGrounds"/>).</summary>
public sealed class PageRow<T>
{
    public required T Row { get; init; }
    public bool Related { get; init; }
    public bool Emergency { get; init; }
    public bool Consented { get; init; }
    public bool Blocked { get; init; }
}
