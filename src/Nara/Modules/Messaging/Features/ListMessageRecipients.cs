using Nara.Modules.Coordination.Contracts;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Messaging.Features;

/// <summary>
/// Whom a person can write to: the vårdcentral where they are listed and the units in their care team now, each with
/// the answer time it promises. For the person themself or a guardian; audited.
/// </summary>
public sealed class ListMessageRecipients(NaraDbContext db, ResidentAccess access, IResidentDirectory residents, ICareTeamUnits team, IOrganisationDirectory organisation) : IFeature
{
    /// <param name="UnitId">The unit.</param>
    /// <param name="Name">Its name.</param>
    /// <param name="Type">Its kind.</param>
    /// <param name="AnswerWorkingDays">The answer time it promises, in working days.</param>
    /// <param name="Listed">The person is listed there (their vårdcentral).</param>
    public sealed record Recipient(Guid UnitId, string Name, UnitType Type, int AnswerWorkingDays, bool Listed);

    public async Task<IReadOnlyList<Recipient>> HandleAsync(Actor actor, ResidentId resident, CancellationToken ct)
    {
        var grant = await access.RequireAsync(actor, resident, AccessRequest.Read(Threads.AuditResource) with
        {
            ResidentsOnly = "Listan visar vem personen själv kan skriva till.",
            HiddenAs = ("residentId", "Personen finns inte."),
            AuditWhenDone = true,
        }, ct);
        var list = await RecipientsAsync(resident, ct);
        await grant.AuditAsync("Visade vem personen kan skriva till", ct);
        return list;
    }

    /// <summary>The units the person can write to, their vårdcentral first. The caller has checked access.</summary>
    internal async Task<IReadOnlyList<Recipient>> RecipientsAsync(ResidentId resident, CancellationToken ct)
    {
        var listed = (await residents.GetAsync(resident, ct))?.ListedUnit;
        var ids = (await team.CurrentUnitsAsync(resident, ct)).ToList();
        if (listed is { } l && !ids.Contains(l))
        {
            ids.Insert(0, l);
        }
        var units = await organisation.GetUnitsAsync(ids, ct);
        var days = await Threads.AnswerDaysAsync(db, ids, ct);
        return ids.Where(units.ContainsKey)
            .Select(u => new Recipient(u.Value, units[u].Name, units[u].Type, days[u], u == listed))
            .OrderByDescending(r => r.Listed).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/messages/recipients", async (HttpContext http, ListMessageRecipients handler, CancellationToken ct, string? residentId) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var who = actor.ResidentId;
                if (residentId is not null && !StrongId.TryParse(residentId, out who))
                {
                    return Problems.Invalid("residentId", "Id:t är inte ett giltigt id (GUID).");
                }
                return Results.Ok(await handler.HandleAsync(actor, who, ct));
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithProblems()
            .WithTags("Meddelanden")
            .WithSummary("Enheterna personen kan skriva till (vårdcentralen och vårdteamets enheter) med deras utlovade svarstid. residentId: ett barn du är vårdnadshavare för (annars du själv).");
}
