using Microsoft.EntityFrameworkCore;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// A therapist starts a self-help programme for a person: the enrolment and its conversation (a message thread at the
/// therapist's unit) with the therapist's welcome, in one transaction; the person is told through the outbox without
/// health details. One running enrolment per programme and person. Staff; audited.
/// </summary>
public sealed class StartSelfHelp(NaraDbContext db, ResidentAccess access, ProgrammeCatalog catalog, IMessageThreads threads, TimeProvider time) : IFeature
{
    /// <param name="Programme">The programme's id (somn, oro-nedstamdhet).</param>
    /// <param name="Message">A welcome from the therapist (at most 2,000 characters); by default a short greeting.</param>
    public sealed record Request(string? Programme, string? Message);

    public sealed record Response(Guid Id, string Programme);

    public async Task<Response> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var programme = catalog.Find(request.Programme?.Trim()) ?? throw ProblemException.Invalid("programme", "Välj ett program.");
        var message = InputText.Optional(request.Message, "message", 2000, "Hälsningen");
        var unit = MentalHealthRecords.UnitOf(actor);
        var grant = await access.RequireAsync(actor, resident, MentalHealthRecords.StaffWrite(MentalHealthRecords.SelfHelpResource, null, "Personen finns inte."), ct);
        if (await db.Set<Enrolment>().AnyAsync(e => e.ResidentId == resident && e.ProgrammeId == programme.Id && e.EndedAt == null && e.CompletedAt == null, ct))
        {
            throw ProblemException.Conflict("programme", $"Personen går redan programmet {programme.Name.Sv}.");
        }
        var now = time.GetUtcNow();
        var enrolment = new Enrolment
        {
            ResidentId = resident, UnitId = unit, ProgrammeId = programme.Id, ProgrammeVersion = programme.Version, StartedAt = now,
            TherapistId = actor.StaffId, TherapistName = actor.Name, ThreadId = StrongId.New<ThreadId>(),
        };
        var thread = enrolment.ThreadId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(enrolment);
        threads.Open(thread, resident, unit, $"Självhjälp: {programme.Name.Sv}", new ThreadOrigin(Enrolment.OriginKind, enrolment.Id.Value), actor, now);
        await threads.AddAsync(thread, actor, message ?? MentalHealthRecords.Greeting(programme), now, ct, announce: true);
        await MentalHealthRecords.SaveAsync(db, grant, $"Självhjälpsprogram startat: {programme.Id}", "Programmet startades just. Ladda om sidan.", ct);
        await transaction.CommitAsync(ct);
        return new Response(enrolment.Id.Value, programme.Id);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/self-help", async (Guid residentId, Request request, HttpContext http, StartSelfHelp handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Starta ett självhjälpsprogram för en person (programme, message). Du blir behandlare och svarar på hemuppgifterna i programmets meddelandetråd.");
}
