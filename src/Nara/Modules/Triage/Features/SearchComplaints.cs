using Nara.Modules.Residents.Contracts;
using Nara.Modules.Triage.Domain;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;

namespace Nara.Modules.Triage.Features;

/// <summary>Finds complaints from everyday words for the person the assessment is about; notices emergency words first.</summary>
public sealed class SearchComplaints(TriageEngine engine, IResidentDirectory residents, Platform.Access.ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Hit(string Id, string Title, string MatchedWord);

    public sealed record Response(bool Emergency, string? EmergencyPhrase, string? EmergencyAdvice, IReadOnlyList<Hit> Complaints, Hit Fallback);

    public async Task<Response> HandleAsync(Actor? actor, string? text, Guid? forResident, CancellationToken ct, int? age = null, string? sex = null)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var knowledge = engine.Knowledge;
        var fallback = knowledge.Find(knowledge.FallbackComplaintId)!;
        var fallbackHit = new Hit(fallback.Id, fallback.Title.For(culture), "");
        if (text is { Length: > 200 })
        {
            throw ProblemException.Invalid("q", "Beskriv besväret med högst 200 tecken.");
        }
        if (text is not null && ComplaintSearch.Emergency(knowledge, text) is { } phrase)
        {
            return new Response(true, phrase, knowledge.Emergency.Reason.For(culture), [], fallbackHit);
        }
        TriageSubject? subject = null;
        if (age is { } years)
        {
            // Someone else (or yourself, not signed in): the age and sex the person answering gives.
            if (years is < 0 or > 120)
            {
                throw ProblemException.Invalid("age", "Ange åldern i hela år, 0–120.");
            }
            subject = new TriageSubject(years * 12 + 6, sex?.Trim().ToLowerInvariant() == TriageSubject.Man ? TriageSubject.Man : TriageSubject.Woman);
        }
        if (actor is null || subject is not null)
        {
            if (forResident is not null)
            {
                throw new ProblemException(StatusCodes.Status401Unauthorized, "forResident", "Logga in för att söka för ditt barn.");
            }
            return string.IsNullOrWhiteSpace(text)
                ? new Response(false, null, null, All(subject), fallbackHit)
                : new Response(false, null, null, ComplaintSearch.Search(knowledge, text, subject).Select(m => new Hit(m.Complaint.Id, m.Complaint.Title.For(culture), m.MatchedWord)).ToList(), fallbackHit);
        }
        var residentId = forResident is { } f ? new ResidentId(f) : actor.IsResident ? actor.ResidentId : (ResidentId?)null;
        // Someone else's age only for those who may act for them (a guardian): the filter must not reveal it to others.
        if (residentId is { } other && !(actor.IsResident && actor.ResidentId == other) && !(await access.DecideAsync(actor, other, ct)).Allowed)
        {
            throw ProblemException.Forbidden("Du kan bara söka för dig själv och dina barn.");
        }
        if (residentId is { } rid && await residents.GetAsync(rid, ct) is { } resident)
        {
            subject = TriageSubject.From(resident.BirthDate, resident.Sex == Sex.Kvinna, Platform.Time.Stockholm.Today(time));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            // No words: every complaint for this person, by title.
            return new Response(false, null, null, All(subject), fallbackHit);
        }
        var hits = ComplaintSearch.Search(knowledge, text, subject)
            .Select(m => new Hit(m.Complaint.Id, m.Complaint.Title.For(culture), m.MatchedWord)).ToList();
        return new Response(false, null, null, hits, fallbackHit);
    }

    /// <summary>Every complaint for this person, by title: the list to browse when searching finds nothing.</summary>
    public IReadOnlyList<Hit> All(TriageSubject? subject)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        return engine.Knowledge.Complaints.Where(c => subject is null || ComplaintSearch.AppliesTo(c, subject))
            .Select(c => new Hit(c.Id, c.Title.For(culture), ""))
            .OrderBy(h => h.Title, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false)).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/triage/complaints", async (string? q, Guid? forResident, int? age, string? sex, HttpContext http, SearchComplaints handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(Actor.FromPrincipal(http.User), q, forResident, ct, age, sex)))
            .AllowAnonymous()
            .WithSearchLimit()
            .WithProblems()
            .WithTags("En väg in")
            .WithSummary("Sök sökorsak med vardagliga ord (q), eller lista alla utan q. forResident ger sökorsakerna för ett barn; age och sex (kvinna, man) för någon annan eller utan inloggning. Ord som betyder fara för livet ger emergency=true och råd om 112.");
}
