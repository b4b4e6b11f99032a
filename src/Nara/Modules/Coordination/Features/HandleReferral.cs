using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Events;
using Nara.Platform.Persistence;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// The receiving unit handles a referral from its inbox: accepts it (a referral to a specialist clinic then starts the
/// care guarantee's 90-day clock, from the day it was issued), asks the sender for more, returns it with the reason,
/// re-prioritises it, and answers it (remissvar). The sender's unit gives what was asked for, which sends it back to the
/// inbox. Each step is in the referral's history and audited; a step that does not fit where the referral stands is a
/// 409 naming its status.
/// </summary>
public sealed class HandleReferral(NaraDbContext db, ResidentAccess access, DomainEvents events, TimeProvider time) : IFeature
{
    /// <param name="Text">The question to the sender, the reason for returning, the answer, or what the sender adds.</param>
    /// <param name="Priority">The new priority (for re-prioritising).</param>
    public sealed record Request(string? Text, ReferralPriority? Priority);

    public Task AcceptAsync(Actor actor, ReferralId id, CancellationToken ct) =>
        ReceiverAsync(actor, id, [ReferralStatus.Skickad], async (r, now) =>
        {
            r.Status = ReferralStatus.Accepterad;
            r.AcceptedAt = now;
            await events.PublishAsync(new ReferralAccepted(r.Id, r.ResidentId, r.ToUnitId, r.Kind, r.IssuedOn, now), ct);
            return ("Accepterad", null);
        }, ct);

    public Task AskAsync(Actor actor, ReferralId id, Request request, CancellationToken ct) =>
        ReceiverAsync(actor, id, [ReferralStatus.Skickad], (r, _) =>
        {
            var text = Required(request.Text, "Skriv vad som behöver kompletteras.");
            r.Status = ReferralStatus.KompletteringBegard;
            return Task.FromResult<(string, string?)>(("Komplettering begärd", text));
        }, ct);

    public Task ReturnAsync(Actor actor, ReferralId id, Request request, CancellationToken ct) =>
        ReceiverAsync(actor, id, [ReferralStatus.Skickad, ReferralStatus.KompletteringBegard], (r, now) =>
        {
            var text = Required(request.Text, "Skriv varför remissen returneras, så att avsändaren vet vad som behövs.");
            r.Status = ReferralStatus.Returnerad;
            r.Answer = text;
            r.AnsweredByName = actor.Name;
            r.ClosedAt = now;
            return Task.FromResult<(string, string?)>(("Returnerad", text));
        }, ct);

    public Task PrioritiseAsync(Actor actor, ReferralId id, Request request, CancellationToken ct) =>
        ReceiverAsync(actor, id, [ReferralStatus.Skickad, ReferralStatus.KompletteringBegard, ReferralStatus.Accepterad], (r, _) =>
        {
            var priority = request.Priority ?? throw ProblemException.Invalid("priority", "Välj Rutin, Fortur eller Akut.");
            var text = InputText.Optional(request.Text, "text", 4000, "Motiveringen");
            r.Priority = priority;
            return Task.FromResult<(string, string?)>(($"Omprioriterad till {priority}", text));
        }, ct);

    public Task AnswerAsync(Actor actor, ReferralId id, Request request, CancellationToken ct) =>
        ReceiverAsync(actor, id, [ReferralStatus.Skickad, ReferralStatus.Accepterad], (r, now) =>
        {
            var text = Required(request.Text, "Skriv remissvaret.");
            r.Status = ReferralStatus.Besvarad;
            r.Answer = text;
            r.AnsweredByName = actor.Name;
            r.ClosedAt = now;
            return Task.FromResult<(string, string?)>(("Besvarad", text));
        }, ct);

    public async Task ComplementAsync(Actor actor, ReferralId id, Request request, CancellationToken ct)
    {
        var referral = await FindAsync(id, ct);
        if (actor.Unit != referral.FromUnitId)
        {
            throw ProblemException.Forbidden("Det är den enhet som skickade remissen som kompletterar den.");
        }
        var grant = await access.RequireAsync(actor, referral.ResidentId, SendReferral.Send.AtUnitRecord(referral.FromUnitId), ct);
        if (referral.Status != ReferralStatus.KompletteringBegard)
        {
            throw ProblemException.Conflict("status", "Mottagaren har inte bett om någon komplettering.");
        }
        var text = Required(request.Text, "Skriv kompletteringen.");
        referral.Status = ReferralStatus.Skickad;
        referral.Background = referral.Background is null ? text : $"{referral.Background}\n\nKomplettering: {text}";
        if (referral.Background.Length > 4000)
        {
            throw ProblemException.Invalid("text", "Remissen blir för lång. Skriv kompletteringen kortare.");
        }
        referral.ConcurrencyToken++;
        Referrals.Log(db, referral, actor, "Kompletterad", text, time.GetUtcNow());
        await Referrals.SaveAsync(db, grant, "Remiss kompletterad", ct);
    }

    private async Task ReceiverAsync(Actor actor, ReferralId id, ReferralStatus[] allowed, Func<Referral, DateTimeOffset, Task<(string What, string? Text)>> step, CancellationToken ct)
    {
        var referral = await FindAsync(id, ct);
        if (actor.Unit != referral.ToUnitId)
        {
            throw ProblemException.Forbidden("Remissen hanteras av den enhet den skickades till.");
        }
        // The referral sent to the unit is the unit's own record: its staff act on it on that strength.
        var grant = await access.RequireAsync(actor, referral.ResidentId, AccessRequest.Write(Referrals.AuditResource).AtUnitRecord(referral.ToUnitId) with
        {
            StaffOnly = "Det är den mottagande enheten som hanterar remissen.",
            AuditWhenDone = true,
        }, ct);
        if (!allowed.Contains(referral.Status))
        {
            throw ProblemException.Conflict("status", referral.Status switch
            {
                ReferralStatus.Accepterad => "Remissen är redan accepterad.",
                ReferralStatus.KompletteringBegard => "Remissen väntar på komplettering från avsändaren.",
                ReferralStatus.Returnerad => "Remissen är returnerad till avsändaren.",
                ReferralStatus.Besvarad => "Remissen är redan besvarad.",
                _ => "Remissen är inte accepterad än.",
            });
        }
        var now = time.GetUtcNow();
        var (what, text) = await step(referral, now);
        referral.ConcurrencyToken++;
        Referrals.Log(db, referral, actor, what, text, now);
        await Referrals.SaveAsync(db, grant, $"Remiss: {what.ToLowerInvariant()}", ct);
    }

    private async Task<Referral> FindAsync(ReferralId id, CancellationToken ct) =>
        await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw ProblemException.NotFound("id", "Remissen finns inte.");

    private static string Required(string? value, string message) =>
        InputText.Optional(value, "text", 4000, "Texten") ?? throw ProblemException.Invalid("text", message);

    // Each step is a POST on the referral with the same body; what differs is the handler method and the summary.
    private static readonly (string Route, Func<HandleReferral, Actor, ReferralId, Request, CancellationToken, Task> Step, string Summary)[] Steps =
    [
        ("/accept", (h, a, id, _, ct) => h.AcceptAsync(a, id, ct), "Acceptera remissen (mottagande enhet). En remiss till specialistvården startar vårdgarantins 90-dagarsklocka från dagen den utfärdades."),
        ("/ask", (h, a, id, r, ct) => h.AskAsync(a, id, r, ct), "Begär komplettering från avsändaren (text)."),
        ("/complement", (h, a, id, r, ct) => h.ComplementAsync(a, id, r, ct), "Komplettera remissen (avsändande enhet, text); den går tillbaka till mottagarens inkorg."),
        ("/return", (h, a, id, r, ct) => h.ReturnAsync(a, id, r, ct), "Returnera remissen till avsändaren med skälet (text)."),
        ("/priority", (h, a, id, r, ct) => h.PrioritiseAsync(a, id, r, ct), "Omprioritera remissen (priority: Rutin, Fortur, Akut; text valfri motivering)."),
        ("/answer", (h, a, id, r, ct) => h.AnswerAsync(a, id, r, ct), "Besvara remissen (remissvar, text)."),
    ];

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/referrals/{id:guid}").RequireAuthorization(NaraPolicies.Vardpersonal).WithProblems().WithWriteLimit().WithTags("Remisser");
        foreach (var (route, step, summary) in Steps)
        {
            group.MapPost(route, async (Guid id, Request? request, HttpContext http, HandleReferral handler, CancellationToken ct) =>
                {
                    await step(handler, Actor.FromPrincipal(http.User)!, new ReferralId(id), request ?? new Request(null, null), ct);
                    return TypedResults.NoContent();
                })
                .WithSummary(summary);
        }
    }
}
