using Microsoft.EntityFrameworkCore;
using Nara.Modules.CareGuarantee.Contracts;
using Nara.Modules.CareGuarantee.Domain;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;
using Nara.Platform.Time;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>
/// Staff register what starts a clock outside the triage flow. At a specialist unit: a referral received (the 90-day
/// clock to the first visit starts on the day the referral was issued, HSL 9 kap. 1 § 3) or a decision to treat (the
/// 90-day clock to the treatment, 9 kap. 1 § 4). At a vårdcentral: a resident's contact by phone or at the desk (the
/// contact is made then, so the same-day clock starts met, and the 3-day assessment clock starts). Receiving a referral
/// or a contact is how a care relationship with the unit begins, so the write is audited on that basis.
/// </summary>
public sealed class RegisterStart(NaraDbContext db, IResidentDirectory residents, IOrganisationDirectory organisation, ResidentAccess access, TimeProvider time) : IFeature
{
    public sealed record Request(string? Kind, Guid? ResidentId, string? Personnummer, DateOnly? Date, string? Note);

    public sealed record Registered(Guid SourceId, Guid ResidentId, IReadOnlyList<ClockResponse> Clocks);

    public async Task<Registered> HandleAsync(Actor actor, Request request, CancellationToken ct)
    {
        var source = request.Kind switch
        {
            "Remiss" => ClockSource.Remiss,
            "Beslut" => ClockSource.Beslut,
            "Kontakt" => ClockSource.Kontakt,
            _ => throw ProblemException.Invalid("kind", "Välj Remiss (mottagen remiss), Beslut (beslut om behandling) eller Kontakt (invånaren sökte kontakt)."),
        };
        var unit = actor.Unit is { } u ? await organisation.GetUnitAsync(u, ct) : null;
        var specialist = unit?.Type is UnitType.Sjukhusklinik or UnitType.Vuxenpsykiatri;
        if (unit is null || (source == ClockSource.Kontakt ? unit.Type != UnitType.Vardcentral : !specialist))
        {
            throw ProblemException.Forbidden(source == ClockSource.Kontakt
                ? "Kontakter registreras på den vårdcentral du arbetar på."
                : "Remisser och beslut om behandling registreras på den specialistenhet du arbetar på.");
        }
        var today = Stockholm.Today(time);
        if (request.Date is not { } date)
        {
            throw ProblemException.Invalid("date", source switch
            {
                ClockSource.Remiss => "Ange datum då remissen utfärdades.",
                ClockSource.Beslut => "Ange datum för beslutet.",
                _ => "Ange datum då invånaren sökte kontakt.",
            });
        }
        var oldest = today.AddDays(source == ClockSource.Kontakt ? -7 : -365);
        if (date > today || date < oldest)
        {
            throw ProblemException.Invalid("date", source == ClockSource.Kontakt
                ? "Datumet får inte ligga i framtiden eller mer än en vecka bakåt."
                : "Datumet får inte ligga i framtiden eller mer än ett år bakåt.");
        }
        if (request.Note is { Length: > 400 })
        {
            throw ProblemException.Invalid("note", "Anteckningen får vara högst 400 tecken.");
        }
        var resident = await FindResidentAsync(request, today, ct);
        if (source == ClockSource.Remiss && await db.Set<GuaranteeClock>().AnyAsync(c => c.ResidentId == resident && c.UnitId == unit.Id && c.Kind == ClockKind.Specialistbesok && c.StopDate == null, ct))
        {
            // A referral accepted in Nära has started the clock already; a second would count the same wait twice.
            throw ProblemException.Conflict("residentId", "Personen har redan en löpande klocka till första besöket här (till exempel från en remiss i Nära). Den räcker.");
        }
        var now = time.GetUtcNow();
        var sourceId = Guid.CreateVersion7();
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        var clocks = Start(source, sourceId, resident, unit.Id, date, now, note, actor.Name);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.AddRange(clocks);
        await db.SaveChangesAsync(ct);
        // The registration is how the care relationship with the unit begins: the unit's own record.
        var grant = await access.RequireAsync(actor, resident, ClockAccess.Change with { HeldBy = unit.Id }, ct);
        await grant.AuditAsync(source switch { ClockSource.Remiss => "Remiss mottagen", ClockSource.Beslut => "Beslut om behandling", _ => "Kontakt registrerad" }, ct);
        await transaction.CommitAsync(ct);
        return new Registered(sourceId, resident.Value, clocks.Select(c => ClockQueries.Response(c, today, unit.Name)).ToList());
    }

    /// <summary>The clocks a registration starts; a registered contact is itself the same-day contact.</summary>
    internal static List<GuaranteeClock> Start(ClockSource source, Guid sourceId, ResidentId resident, UnitId unit, DateOnly date, DateTimeOffset now, string? note, string by)
    {
        ClockKind[] kinds = source switch
        {
            ClockSource.Remiss => [ClockKind.Specialistbesok],
            ClockSource.Beslut => [ClockKind.Behandling],
            _ => [ClockKind.Kontakt, ClockKind.MedicinskBedomning],
        };
        var clocks = kinds.Select(kind => new GuaranteeClock
        {
            ResidentId = resident,
            UnitId = unit,
            Kind = kind,
            Source = source,
            SourceId = sourceId,
            StartedAt = now,
            StartDate = date,
            Deadline = GuaranteeRules.Deadline(kind, date),
            Note = note,
        }).ToList();
        foreach (var c in clocks.Where(c => c.Kind == ClockKind.Kontakt))
        {
            c.StopOn(date, now, $"Kontakt registrerad ({by})", null);
        }
        return clocks;
    }

    private async Task<ResidentId> FindResidentAsync(Request request, DateOnly today, CancellationToken ct)
    {
        if (request.ResidentId is { } id)
        {
            return await residents.ExistsAsync(new ResidentId(id), ct) ? new ResidentId(id) : throw ProblemException.NotFound("residentId", "Invånaren");
        }
        if (!Personnummer.TryParse(request.Personnummer, today, out var pnr, out var error))
        {
            throw ProblemException.Invalid("personnummer", error);
        }
        return (await residents.FindByPersonnummerAsync(pnr.Value, ct))?.Id ?? throw ProblemException.NotFound("personnummer", "Ingen invånare med det personnumret");
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/care-guarantee/registrations", async (Request request, HttpContext http, RegisterStart handler, CancellationToken ct) =>
            {
                var registered = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, request, ct);
                return TypedResults.Created($"/api/care-guarantee/residents/{registered.ResidentId}/clocks", registered);
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithProblems()
            .WithTags("Vårdgaranti")
            .WithSummary("Registrera det som startar en klocka: kind Remiss (date = utfärdad) eller Beslut (om behandling) på din specialistenhet, 90 dagar; Kontakt (invånaren sökte kontakt) på din vårdcentral, 0 och 3 dagar. residentId eller personnummer.");
}
