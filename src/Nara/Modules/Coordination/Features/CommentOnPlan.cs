using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The person (or a guardian) and the team comment on the plan: a question, a wish to change something, an answer. The
/// comment belongs to the version it was written about; it does not change the plan or make a new version. Audited.
/// </summary>
public sealed class CommentOnPlan(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Text">The comment (at most 2,000 characters).</param>
    public sealed record Request(string? Text);

    public async Task HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var text = InputText.Optional(request.Text, "text", 2000, "Kommentaren") ?? throw ProblemException.Invalid("text", "Skriv en kommentar.");
        var grant = await access.RequireAsync(actor, resident, CarePlans.Change, ct);
        var state = await CarePlans.OpenVisibleAsync(db, access, actor, resident, ct);
        db.Add(new PlanComment { PlanId = state.Plan.Id, Version = state.Plan.Version, At = time.GetUtcNow(), ByName = actor.Name, ByResident = actor.IsResident, Text = text });
        using (db.CollectWrites())
        {
            await grant.AuditAsync($"Kommentar om version {state.Plan.Version}", ct);
            await db.SaveChangesAsync(ct);
        }
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/care-plan/comments", async (Guid residentId, Request request, HttpContext http, CommentOnPlan handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Plan (patientkontrakt)")
            .WithSummary("Kommentera planen (text), som personen, vårdnadshavare eller personal i teamet.");
}
