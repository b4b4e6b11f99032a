using Microsoft.EntityFrameworkCore;
using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Coordination.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.Coordination.Features;

/// <summary>
/// Staff with access send a referral about a person from their unit: a referral to a specialist clinic, a consultation
/// request to another unit, or a referral to the municipality's home health care. Never to their own unit. A referral to
/// the other principal (region to municipality or back) discloses the sender's record, so it needs the person's consent
/// to sharing in that direction. Audited; the receiving unit finds it in its inbox.
/// </summary>
public sealed class SendReferral(NaraDbContext db, ResidentAccess access, IOrganisationDirectory organisation, TimeProvider time) : IFeature
{
    public static readonly AccessRequest Send = AccessRequest.Write(Referrals.AuditResource) with
    {
        StaffOnly = "Det är vårdpersonal som skickar remisser.",
        AuditWhenDone = true,
    };

    /// <param name="Kind">Remiss (to a specialist clinic), Konsultation (a question to another unit) or Hemsjukvard (to municipal home health care).</param>
    /// <param name="ToUnitId">The receiving unit.</param>
    /// <param name="Question">Frågeställning: what is asked (at most 2,000 characters).</param>
    /// <param name="Background">History, findings, medication, what has been tried (at most 4,000 characters).</param>
    /// <param name="Priority">Rutin (the default), Fortur or Akut.</param>
    public sealed record Request(ReferralKind? Kind, Guid? ToUnitId, string? Question, string? Background, ReferralPriority? Priority);

    public async Task<Guid> HandleAsync(Actor actor, ResidentId resident, Request request, CancellationToken ct)
    {
        var kind = request.Kind ?? throw ProblemException.Invalid("kind", "Välj vilken sorts remiss det är.");
        var question = InputText.Optional(request.Question, "question", 2000, "Frågeställningen") ?? throw ProblemException.Invalid("question", "Skriv frågeställningen.");
        var background = InputText.Optional(request.Background, "background", 4000, "Bakgrunden");
        if (actor.Unit is not { } fromId || await organisation.GetUnitAsync(fromId, ct) is not { } from)
        {
            throw ProblemException.Forbidden("Du behöver arbeta på en enhet för att skicka en remiss.");
        }
        if (request.ToUnitId is not { } toGuid || await organisation.GetUnitAsync(new UnitId(toGuid), ct) is not { } to)
        {
            throw ProblemException.Invalid("toUnitId", "Välj en mottagande enhet som finns.");
        }
        if (to.Id == from.Id)
        {
            throw ProblemException.Invalid("toUnitId", "En remiss kan inte skickas till din egen enhet.");
        }
        var fits = kind switch
        {
            ReferralKind.Remiss => to.Type is UnitType.Sjukhusklinik or UnitType.Vuxenpsykiatri,
            ReferralKind.Hemsjukvard => to.Type == UnitType.KommunalHemsjukvard,
            _ => to.Type != UnitType.Hemtjanst,
        };
        if (!fits)
        {
            throw ProblemException.Invalid("toUnitId", kind switch
            {
                ReferralKind.Remiss => "En remiss till specialistvården skickas till en sjukhusklinik eller psykiatrin.",
                ReferralKind.Hemsjukvard => "En remiss till hemsjukvården skickas till kommunens hemsjukvård.",
                _ => "Hemtjänsten tar inte emot konsultationsremisser. Kontakta kommunens biståndshandläggare.",
            });
        }
        var grant = await access.RequireAsync(actor, resident, Send, ct);
        var (fromPrincipal, toPrincipal) = (UnitTypes.PrincipalOf(from.Type), UnitTypes.PrincipalOf(to.Type));
        if (fromPrincipal != toPrincipal)
        {
            var direction = fromPrincipal == Principal.Region ? SharingDirection.RegionTillKommun : SharingDirection.KommunTillRegion;
            if (!await db.Set<SharingConsent>().AnyAsync(c => c.ResidentId == resident && c.Direction == direction && c.WithdrawnAt == null, ct))
            {
                throw ProblemException.Invalid("toUnitId", fromPrincipal == Principal.Region
                    ? "Personen har inte samtyckt till att regionen delar uppgifter med kommunen. Fråga personen och registrera samtycket under Vårdteam först."
                    : "Personen har inte samtyckt till att kommunen delar uppgifter med regionen. Fråga personen och registrera samtycket under Vårdteam först.");
            }
        }
        var now = time.GetUtcNow();
        var referral = new Referral
        {
            ResidentId = resident, Kind = kind, FromUnitId = from.Id, FromStaffId = actor.Id, FromStaffName = actor.Name, ToUnitId = to.Id,
            Question = question, Background = background, Priority = request.Priority ?? ReferralPriority.Rutin, SentAt = now, IssuedOn = Stockholm.DateOf(now),
        };
        db.Add(referral);
        Referrals.Log(db, referral, actor, "Skickad", null, now);
        await Referrals.SaveAsync(db, grant, $"{Referrals.KindText(kind)} skickad till {to.Name}", ct);
        return referral.Id.Value;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/referrals", async (Guid residentId, Request request, HttpContext http, SendReferral handler, CancellationToken ct) =>
                TypedResults.Created($"/api/residents/{residentId}/referrals", new { id = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request, ct) }))
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithWriteLimit()
            .WithTags("Remisser")
            .WithSummary("Skicka en remiss från din enhet: kind (Remiss, Konsultation, Hemsjukvard), toUnitId, question (frågeställning), background, priority (Rutin, Fortur, Akut). Till den andra huvudmannen krävs personens samtycke.");
}
