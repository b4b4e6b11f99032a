using Nara.Modules.Residents.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Access.Features;

/// <summary>
/// Nödåtkomst: a clinician without a care relationship opens a resident's record in an emergency, stating why.
/// The access lasts a few hours, is flagged in the audit log and must be followed up by the head of unit.
/// </summary>
public sealed class OpenEmergencyAccess(ResidentAccess access, IResidentDirectory residents) : IFeature
{
    public const int MinReasonLength = 10;

    public sealed record Request(string? Reason);

    public sealed record Opened(Guid Id, DateTimeOffset ExpiresAt);

    public async Task<(Opened? Result, string? Error)> HandleAsync(Actor actor, ResidentId resident, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < MinReasonLength)
        {
            return (null, $"Ange skälet till nödåtkomsten med minst {MinReasonLength} tecken, till exempel ”Medvetslös patient på akuten, behöver läkemedelslista”.");
        }
        if (reason.Trim().Length > 1000)
        {
            return (null, "Skälet får vara högst 1000 tecken.");
        }
        if (!await residents.ExistsAsync(resident, ct))
        {
            return (null, "Invånaren finns inte.");
        }
        var opened = await access.OpenEmergencyAccessAsync(actor, resident, reason, ct);
        return (new Opened(opened.Id.Value, opened.ExpiresAt), null);
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/api/residents/{residentId:guid}/emergency-access", async (Guid residentId, Request request, HttpContext http, OpenEmergencyAccess handler, CancellationToken ct) =>
            {
                var (result, error) = await handler.HandleAsync(Actor.FromPrincipal(http.User)!, new ResidentId(residentId), request.Reason, ct);
                return result is not null ? Results.Ok(result) : Problems.Invalid("reason", error!);
            })
            .RequireAuthorization(NaraPolicies.Vardpersonal)
            .WithTags("Åtkomst")
            .WithSummary("Öppna nödåtkomst till en patient med angivet skäl (flaggas för uppföljning).");
}
