using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// The verksamhetschef's follow-up of the care guarantee: cases at risk and breaches at the units they lead (named,
/// each disclosure audited), and compliance per unit and month. Compliance is counts only, so the whole region may be
/// shown to those the analysis rules allow (analysts, heads of unit, administrators), as in the region analysis.
/// </summary>
public sealed class FollowUpGuarantee(ClockQueries queries) : IFeature
{
    public const int MaxMonths = 36;

    public enum Scope
    {
        /// <summary>The units the actor works at.</summary>
        Mine,

        /// <summary>Every unit in the region (counts only).</summary>
        Region,
    }

    public sealed record Dashboard(FollowUpPage AtRisk, FollowUpPage Breaches, IReadOnlyList<ComplianceRow> Compliance, Scope ComplianceScope, DateOnly Today);

    public async Task<Dashboard> HandleAsync(Actor actor, Scope scope, int months, int riskPage, int breachPage, int pageSize, CancellationToken ct)
    {
        CheckMonths(months);
        var units = await queries.ManagedUnitsAsync(actor, ct);
        var risk = await queries.AtRiskAsync(actor, units, riskPage, pageSize, ct);
        var breaches = await queries.BreachesAsync(actor, units, months * 31, breachPage, pageSize, ct);
        var compliance = await queries.ComplianceAsync(scope == Scope.Region ? null : units, months, ct);
        return new Dashboard(risk, breaches, compliance, scope, queries.Today);
    }

    public async Task<IReadOnlyList<ComplianceRow>> ComplianceAsync(Actor actor, Scope scope, int months, CancellationToken ct)
    {
        CheckMonths(months);
        IReadOnlyList<UnitId>? units = scope == Scope.Region ? null : await queries.ManagedUnitsAsync(actor, ct);
        return await queries.ComplianceAsync(units, months, ct);
    }

    internal static void CheckMonths(int months)
    {
        if (months is < 1 or > MaxMonths)
        {
            throw ProblemException.Invalid("months", $"Antal månader ska vara mellan 1 och {MaxMonths}.");
        }
    }

    internal static Scope ParseScope(string? scope) => scope?.ToLowerInvariant() switch
    {
        null or "" or "mine" => Scope.Mine,
        "region" => Scope.Region,
        _ => throw ProblemException.Invalid("scope", "scope ska vara mine eller region."),
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/care-guarantee").WithProblems().WithTags("Vårdgaranti – uppföljning");
        group.MapGet("/at-risk", async (int? page, int? pageSize, HttpContext http, ClockQueries queries, CancellationToken ct) =>
            {
                var (p, s) = Paging.Check(page, pageSize);
                var actor = Actor.FromPrincipal(http.User)!;
                return TypedResults.Ok(await queries.AtRiskAsync(actor, await queries.ManagedUnitsAsync(actor, ct), p, s, ct));
            })
            .RequireAuthorization(NaraPolicies.Verksamhetschef)
            .WithSummary("Ärenden på mina enheter som riskerar att överskrida vårdgarantin (sista dagen av 0 och 3, dag 80 eller senare av 90), närmast sista dag först.");
        group.MapGet("/breaches", async (int? days, int? page, int? pageSize, HttpContext http, ClockQueries queries, CancellationToken ct) =>
            {
                var (p, s) = Paging.Check(page, pageSize);
                if (days is < 1 or > 1100)
                {
                    throw ProblemException.Invalid("days", "days ska vara mellan 1 och 1100.");
                }
                var actor = Actor.FromPrincipal(http.User)!;
                return TypedResults.Ok(await queries.BreachesAsync(actor, await queries.ManagedUnitsAsync(actor, ct), days ?? 90, p, s, ct));
            })
            .RequireAuthorization(NaraPolicies.Verksamhetschef)
            .WithSummary("Överskridna vårdgarantier på mina enheter vars sista dag var de senaste days dagarna (standard 90), senaste först.");
        group.MapGet("/compliance", async (string? scope, int? months, HttpContext http, FollowUpGuarantee handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.ComplianceAsync(Actor.FromPrincipal(http.User)!, ParseScope(scope), months ?? 12, ct)))
            .RequireAuthorization(NaraPolicies.Analytiker)
            .WithSummary("Följsamhet per enhet, startmånad och gräns: uppfyllda av avgjorda klockor (undantag och pågående räknas inte). scope=mine (standard) eller region; months 1–36.");
    }

    /// <summary>For the audit of an aggregate read or export: no resident.</summary>
    internal static Task AuditAggregateAsync(ResidentAccess access, Actor actor, string what, AuditAction action, CancellationToken ct) =>
        access.AuditAggregateAsync(actor, what, action, ct);
}
