using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The person (or a guardian for a child) agrees to the plan as it reads now: the version they agree to is named, so an
/// agreement to a version that someone has changed since is refused (409) rather than taken for the new one. A later
/// change asks the person again. Audited.
/// </summary>
public sealed class AgreeToPlan(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Version">The version read and agreed to.</param>
    public sealed record Request(int? Version);

    public async Task HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        if (request.Version is not { } version)
        {
            throw ProblemException.Invalid("version", "Ange vilken version av planen du godkänner.");
        }
        var grant = await access.RequireAsync(actor, resident, CarePlans.Agreement, ct);
        var state = await CarePlans.OpenAsync(db, resident, ct);
        var plan = state.Plan;
        if (version != plan.Version)
        {
            throw ProblemException.Conflict("version", $"Planen har ändrats sedan du läste den (nu version {plan.Version}). Läs den igen innan du godkänner.");
        }
        if (plan.AgreedVersion == version)
        {
            throw ProblemException.Conflict("version", "Du har redan godkänt den här versionen.");
        }
        plan.AgreedVersion = version;
        plan.AgreedAt = time.GetUtcNow();
        plan.AgreedByName = actor.Name;
        plan.ConcurrencyToken++;
        using (db.CollectWrites())
        {
            await grant.AuditAsync($"Godkänd version {version}", ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw ProblemException.Conflict("version", "Planen ändrades just. Läs den igen innan du godkänner.");
            }
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/care-plan/agree", async (Guid residentId, Request request, HttpContext http, AgreeToPlan handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Plan (patientkontrakt)")
            .WithSummary("Godkänn planen (personen själv eller vårdnadshavare): version är den version du läst. En senare ändring kräver nytt godkännande.");
}
