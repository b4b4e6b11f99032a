using Nara.Modules.Assessments.Content;
using Nara.Modules.Assessments.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Outbox;
using Nara.Platform.Persistence;

namespace Nara.Modules.Assessments.Features;

/// <summary>
/// Staff send an instrument for a person to answer, from their unit: now, or on a schedule (every N days, a number of
/// times, for example PHQ-9 every 14 days six times during treatment). Each occasion opens on its day and is due some
/// days later; the person is told when one opens (a notice without health details, through the outbox). One transaction
/// with its audit event.
/// </summary>
public sealed class SendInstrument(NaraDbContext db, ResidentAccess access, InstrumentCatalog catalog, IOutbox outbox, TimeProvider time) : IFeature
{
    public const int MaxOccasions = 26;

    /// <param name="Instrument">The instrument's id (for example <c>phq-9</c>).</param>
    /// <param name="EveryDays">Days between occasions (1–365) when sent more than once.</param>
    /// <param name="Times">How many occasions (1–26; default 1).</param>
    /// <param name="DueDays">Days the person has to answer each occasion (1–30; default 7).</param>
    /// <param name="Message">A word to the person (at most 400 characters; no health details reach the notice).</param>
    public sealed record Request(string? Instrument, int? EveryDays = null, int? Times = null, int? DueDays = null, string? Message = null);

    /// <param name="SeriesId">The schedule's id (to stop it).</param>
    /// <param name="Requests">Each occasion's id, opening and due time.</param>
    public sealed record Response(Guid SeriesId, IReadOnlyList<Occasion> Requests);

    public sealed record Occasion(Guid Id, DateTimeOffset OpensAt, DateTimeOffset DueAt);

    public async Task<Response> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var instrument = string.IsNullOrWhiteSpace(request.Instrument)
            ? throw ProblemException.Invalid("instrument", "Välj ett formulär.")
            : catalog.Find(request.Instrument.Trim()) ?? throw ProblemException.Invalid("instrument", $"Formuläret \"{request.Instrument.Trim()}\" finns inte.");
        if (instrument.Status != "published")
        {
            throw ProblemException.Invalid("instrument", "Formuläret är ett utkast och kan inte skickas till patienter ännu.");
        }
        var times = request.Times ?? 1;
        if (times is < 1 or > MaxOccasions)
        {
            throw ProblemException.Invalid("times", $"Antal gånger ska vara mellan 1 och {MaxOccasions}.");
        }
        var every = request.EveryDays ?? 0;
        if (times > 1 && every is < 1 or > 365)
        {
            throw ProblemException.Invalid("everyDays", "Ange hur många dagar det ska gå mellan gångerna (1–365).");
        }
        var dueDays = request.DueDays ?? 7;
        if (dueDays is < 1 or > 30)
        {
            throw ProblemException.Invalid("dueDays", "Svarstiden ska vara mellan 1 och 30 dagar.");
        }
        var message = InputText.Optional(request.Message, "message", 400, "Meddelandet");
        var unit = actor.Unit ?? throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att skicka formulär.");
        var grant = await access.RequireAsync(actor, resident, AssessmentRecords.Send, ct);

        var now = time.GetUtcNow();
        var series = Guid.NewGuid();
        var occasions = new List<InstrumentRequest>();
        for (var i = 0; i < times; i++)
        {
            var opens = now.AddDays(i * (times > 1 ? every : 0));
            occasions.Add(new InstrumentRequest
            {
                ResidentId = resident, UnitId = unit, InstrumentId = instrument.Id, SeriesId = series, Occasion = i + 1, Occasions = times,
                IntervalDays = times > 1 ? every : 0, SentAt = now, SentById = actor.StaffId, SentByName = actor.Name,
                OpensAt = opens, DueAt = opens.AddDays(dueDays), Message = message,
            });
        }
        db.AddRange(occasions);
        using (db.CollectWrites())
        {
            foreach (var occasion in occasions)
            {
                await outbox.EnqueueAsync(new NewMessage(resident, "Formulär", "Ett formulär att fylla i",
                    $"Din vårdenhet har skickat ett formulär till dig i Nära. Svara senast {Platform.Time.Stockholm.InWords(occasion.DueAt)}. Logga in i Nära för att svara.",
                    occasion.OpensAt, $"instrument-series:{series}"), ct);
            }
            await grant.AuditAsync(times == 1 ? $"Skickat {instrument.Id}" : $"Skickat {instrument.Id}, {times} gånger var {every}:e dag", ct);
            await db.SaveChangesAsync(ct);
        }
        return new Response(series, occasions.Select(o => new Occasion(o.Id.Value, o.OpensAt, o.DueAt)).ToList());
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/instrument-requests", async (Guid residentId, Request request, HttpContext http, SendInstrument handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct)))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Skattningsformulär")
            .WithSummary("Skicka ett formulär till en person: nu, eller återkommande (everyDays, times), med svarstid (dueDays).");
}
