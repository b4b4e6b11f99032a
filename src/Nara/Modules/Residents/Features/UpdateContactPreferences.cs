using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Nara.Modules.Residents.Contracts;
using Nara.Modules.Residents.Domain;
using Nara.Platform.Access;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Composition;
using Nara.Platform.Identifiers;
using Nara.Platform.Persistence;

namespace Nara.Modules.Residents.Features;

/// <summary>
/// The resident sets how they want to be contacted. A field left out (or null) keeps its value, so a partial or empty
/// request never erases anything; an empty string clears an e-mail address or phone number.
/// </summary>
public sealed class UpdateContactPreferences(NaraDbContext db, ResidentAccess access) : IFeature
{
    public sealed record Request(string? Email, string? Phone, NotificationChannel? PreferredChannel, string? PreferredLanguage);

    private static Dictionary<string, string[]> Validate(Request request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(request.Email) && !new EmailAddressAttribute().IsValid(request.Email.Trim()))
        {
            errors["email"] = ["E-postadressen ser inte ut som en e-postadress, till exempel namn@exempel.se."];
        }
        var phone = request.Phone?.Trim();
        if (!string.IsNullOrEmpty(phone) && (phone.Count(char.IsAsciiDigit) is < 7 or > 15 || phone.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' '))))
        {
            errors["phone"] = ["Telefonnumret ska bestå av 7–15 siffror, till exempel 070-174 06 05."];
        }
        if (request.PreferredChannel is not { } channel || !Enum.IsDefined(channel))
        {
            errors["preferredChannel"] = ["Välj ett av sätten att bli kontaktad."];
        }
        else if (request.PreferredChannel == NotificationChannel.Epost && string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["Ange en e-postadress om du vill bli kontaktad via e-post."];
        }
        else if (request.PreferredChannel == NotificationChannel.Sms && string.IsNullOrWhiteSpace(phone))
        {
            errors["phone"] = ["Ange ett mobilnummer om du vill bli kontaktad via sms."];
        }
        if (request.PreferredLanguage is { Length: > 0 } lang && lang is not ("sv" or "en"))
        {
            errors["preferredLanguage"] = ["Språket ska vara sv eller en."];
        }
        return errors;
    }

    public async Task<Dictionary<string, string[]>> HandleAsync(Actor actor, ResidentId id, Request request, CancellationToken ct)
    {
        if (request is { Email: null, Phone: null, PreferredChannel: null, PreferredLanguage: null })
        {
            return new Dictionary<string, string[]>
            {
                ["preferredChannel"] = ["Ange vad du vill ändra: email, phone, preferredChannel eller preferredLanguage. Det du utelämnar ändras inte."],
            };
        }
        var grant = await access.RequireAsync(actor, id, AccessRequest.Write("Kontaktuppgifter") with { AuditWhenDone = true }, ct);
        var resident = await db.Set<Resident>().FirstAsync(r => r.Id == id, ct);
        var merged = new Request(
            request.Email ?? resident.Email,
            request.Phone ?? resident.Phone,
            request.PreferredChannel ?? resident.PreferredChannel,
            request.PreferredLanguage ?? resident.PreferredLanguage);
        var errors = Validate(merged);
        if (errors.Count > 0)
        {
            return errors;
        }
        resident.Email = string.IsNullOrWhiteSpace(merged.Email) ? null : merged.Email.Trim();
        resident.Phone = string.IsNullOrWhiteSpace(merged.Phone) ? null : merged.Phone.Trim();
        resident.PreferredChannel = merged.PreferredChannel!.Value;
        resident.PreferredLanguage = merged.PreferredLanguage is { Length: > 0 } l ? l : "sv";
        await db.SaveChangesAsync(ct);
        await grant.AuditAsync(null, ct);
        return errors;
    }

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapPut("/api/me/contact-preferences", async (Request request, HttpContext http, UpdateContactPreferences handler, CancellationToken ct) =>
            {
                var actor = Actor.FromPrincipal(http.User)!;
                var errors = await handler.HandleAsync(actor, actor.ResidentId, request, ct);
                return errors.Count > 0 ? Problems.Invalid(errors) : Results.NoContent();
            })
            .RequireAuthorization(NaraPolicies.Invanare)
            .WithTags("Mina sidor")
            .WithSummary("Ändra mina kontaktuppgifter och hur jag vill bli kontaktad.")
            .WithDescription("Uppgifter som utelämnas (eller är null) behåller sitt värde; en tom sträng tar bort e-postadressen eller telefonnumret.");
}
