using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.MentalHealth.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The clinician closes a care need with why (recovered, no treatment needed after the assessment, moved on to
/// psychiatry). Closed before any step, the closing is the first assessment. Staff at the unit; audited.
/// </summary>
public sealed class CloseCareEpisode(NaraDbContext db, ResidentAccess access, TimeProvider time) : IFeature
{
    /// <param name="Note">Why it is closed (required, at most 1,000 characters).</param>
    public sealed record Request(string? Note);

    public async Task HandleAsync(Actor actor, CareEpisodeId id, Request request, CancellationToken ct)
    {
        var note = InputText.Optional(request.Note, "note", 1000, "Anteckningen")
            ?? throw ProblemException.Invalid("note", "Skriv varför vårdbehovet avslutas.");
        var episode = await db.Set<CareEpisode>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw ProblemException.NotFound("id", "Vårdbehovet finns inte.");
        var grant = await access.RequireAsync(actor, episode.ResidentId, MentalHealthRecords.StaffWrite(MentalHealthRecords.CareResource, episode.UnitId, "Vårdbehovet finns inte."), ct);
        if (episode.ClosedAt is not null)
        {
            throw ProblemException.Conflict("id", "Vårdbehovet är redan avslutat.");
        }
        var now = time.GetUtcNow();
        if (episode.FirstAssessedAt is null)
        {
            episode.FirstAssessedAt = now;
            episode.FirstAssessedBy = actor.Name;
        }
        episode.ClosedAt = now;
        episode.ClosedBy = actor.Name;
        episode.CloseNote = note;
        episode.ConcurrencyToken++;
        await MentalHealthRecords.SaveAsync(db, grant, "Vårdbehov avslutat", "Någon annan ändrade vårdbehovet just nu. Ladda om sidan.", ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/stepped-care/{id:guid}/close", async (Guid id, Request request, HttpContext http, CloseCareEpisode handler, CancellationToken ct) =>
            {
                await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new CareEpisodeId(id), request, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Avsluta ett vårdbehov i stegvis vård (note: varför).");
}
