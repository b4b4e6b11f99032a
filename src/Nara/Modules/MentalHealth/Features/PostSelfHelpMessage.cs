using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The therapist's feedback, or the person's reply, in a programme's conversation: a message in its thread, posted
/// through Messaging (checked there: staff at the unit or the person; audited, pushed live, the person told). An ended
/// programme's thread is closed, so Messaging refuses it (409) once the caller is known to be part of it.
/// </summary>
[NoAccessCheck("Posts through Messaging's PostMessage, which checks the actor is part of the thread and audits.")]
public sealed class PostSelfHelpMessage(NaraDbContext db, IMessageThreads threads) : IFeature
{
    /// <param name="Text">The message (at most 4,000 characters).</param>
    public sealed record Request(string? Text);

    public async Task<ThreadMessageView> HandleAsync(Actor actor, EnrolmentId id, Request request, CancellationToken ct)
    {
        var enrolment = await SelfHelpViews.FindAsync(db, id, ct);
        return await threads.PostAsync(actor, enrolment.ThreadId, request.Text, [], ct);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/self-help/{id:guid}/messages", async (Guid id, Request request, HttpContext http, PostSelfHelpMessage handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new EnrolmentId(id), request, ct)))
            .RequireAuthorization()
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Skriv i ett självhjälpsprograms samtal: behandlarens återkoppling eller personens svar (text).");
}
