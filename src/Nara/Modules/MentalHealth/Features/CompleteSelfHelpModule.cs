using Microsoft.EntityFrameworkCore;
using Nara.Modules.Assessments.Contracts;
using Nara.Modules.MentalHealth.Content;
using Nara.Modules.MentalHealth.Contracts;
using Nara.Modules.MentalHealth.Domain;
using Nara.Modules.Messaging.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Persistence;

namespace Nara.Modules.MentalHealth.Features;

/// <summary>
/// The person finishes the module that is next in their programme with their answer to its homework question: the
/// module is kept as done and the homework goes to the therapist as a message in the programme's conversation (where the
/// unit's answer time starts, and crisis words are caught like in any message), in one transaction. The last module
/// completes the programme. Only the person (or a guardian for a child); audited.
/// </summary>
public sealed class CompleteSelfHelpModule(NaraDbContext db, ResidentAccess access, ProgrammeCatalog catalog, IMessageThreads threads, ICrisisWords words, TimeProvider time) : IFeature
{
    public const int MaxHomework = 4000;

    /// <param name="Homework">The answer to the module's homework question (required, at most 4,000 characters).</param>
    public sealed record Request(string? Homework);

    /// <summary>The module done, the one that opens now (null when the programme is done), and whether the homework's words raised a crisis alert (show the crisis help now).</summary>
    public sealed record Response(string Module, string? Next, bool ProgrammeDone, bool Crisis);

    public async Task<Response> HandleAsync(Actor actor, EnrolmentId id, string moduleId, Request request, CancellationToken ct)
    {
        var homework = InputText.Optional(request.Homework, "homework", MaxHomework, "Hemuppgiften")
            ?? throw ProblemException.Invalid("homework", "Skriv ditt svar på hemuppgiften innan du går vidare.");
        var enrolment = await SelfHelpViews.FindAsync(db, id, ct);
        var grant = await access.RequireAsync(actor, enrolment.ResidentId, AccessRequest.Write(MentalHealthRecords.SelfHelpResource) with
        {
            ResidentsOnly = "Hemuppgifter lämnas av personen själv.",
            HiddenAs = ("id", SelfHelpViews.NotFound),
            AuditWhenDone = true,
        }, ct);
        var programme = catalog.Find(enrolment.ProgrammeId) ?? throw ProblemException.NotFound("id", SelfHelpViews.NotFound);
        var module = programme.Module(moduleId) ?? throw ProblemException.NotFound("module", "Modulen finns inte i programmet.");
        if (enrolment.EndedAt is not null)
        {
            throw ProblemException.Conflict("id", "Programmet är avslutat.");
        }
        var done = (await db.Set<ModuleWork>().Where(w => w.EnrolmentId == enrolment.Id).Select(w => w.ModuleId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        if (done.Contains(module.Id))
        {
            throw ProblemException.Conflict("module", "Du har redan gjort den här modulen.");
        }
        if (SelfHelpViews.Next(programme, done) != module)
        {
            throw ProblemException.Conflict("module", "Gör modulerna i ordning. Den här modulen öppnas när du har gjort den före.");
        }
        var now = time.GetUtcNow();
        var next = programme.Modules.FirstOrDefault(m => m.Number > module.Number && !done.Contains(m.Id));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(new ModuleWork { EnrolmentId = enrolment.Id, ResidentId = enrolment.ResidentId, ModuleId = module.Id, CompletedAt = now, Homework = homework });
        if (next is null)
        {
            enrolment.CompletedAt = now;
        }
        enrolment.ConcurrencyToken++;
        await threads.AddAsync(enrolment.ThreadId, actor, MentalHealthRecords.HomeworkMessage(module, homework), now, ct, announce: true);
        await MentalHealthRecords.SaveAsync(db, grant, next is null ? $"Modul {module.Id} klar; programmet klart" : $"Modul {module.Id} klar",
            "Modulen sparades just. Ladda om sidan.", ct);
        await transaction.CommitAsync(ct);
        return new Response(module.Id, next?.Id, next is null, words.Matches(homework));
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/self-help/{id:guid}/modules/{module}", async (Guid id, string module, Request request, HttpContext http, CompleteSelfHelpModule handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new EnrolmentId(id), module, request, ct)))
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Psykisk hälsa")
            .WithSummary("Gör klart en modul i ditt självhjälpsprogram med svaret på hemuppgiften (homework). Svaret går till din behandlare.");
}
