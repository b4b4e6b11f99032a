using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Auth;

public static class AuthEndpoints
{
    public sealed record DemoSignIn(string? Kind, Guid? Id, Guid? UnitId);

    public sealed record Me(Guid Id, string Name, string Role, string? Profession, Guid? UnitId);

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/auth").WithTags("Inloggning");
        api.MapPost("/demo", SignInDemoApiAsync).AllowAnonymous().WithSignInLimit()
            .WithSummary("Demo-inloggning: logga in som en syntetisk invånare eller medarbetare (endast i demoläge).");
        api.MapPost("/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).RequireAuthorization().WithSummary("Logga ut.");
        api.MapGet("/me", (HttpContext http) =>
        {
            var actor = Actor.FromPrincipal(http.User)!;
            return TypedResults.Ok(new Me(actor.Id, actor.Name, actor.Role, actor.Profession?.ToString(), actor.Unit?.Value));
        }).RequireAuthorization().WithSummary("Den inloggade användaren.");

        // The demo identity page posts here as an ordinary form so that the cookie is set on a real HTTP response.
        endpoints.MapPost("/demo-inloggning", async ([FromForm] string? kind, [FromForm] Guid? id, [FromForm] Guid? unitId, [FromForm] string? returnUrl, HttpContext http) =>
        {
            var result = await SignInDemoAsync(new DemoSignIn(kind, id, unitId), http);
            if (result is not null)
            {
                return Results.LocalRedirect($"/demo-inloggning?fel={Uri.EscapeDataString(result.Value.Message)}");
            }
            return Results.LocalRedirect(LocalRedirects.SafeOr(returnUrl is "/" ? null : returnUrl, NaraRoles.StartPage(Actor.FromPrincipal(http.User)?.Role)));
        }).AllowAnonymous().WithSignInLimit().ExcludeFromDescription();
        endpoints.MapPost("/logga-ut", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> SignInDemoApiAsync(DemoSignIn request, HttpContext http)
    {
        var error = await SignInDemoAsync(request, http);
        return error is { } e ? e.Result : TypedResults.NoContent();
    }

    private readonly record struct SignInError(IResult Result, string Message);

    private static async Task<SignInError?> SignInDemoAsync(DemoSignIn request, HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<AuthOptions>();
        if (!options.IsDemo)
        {
            return new SignInError(Problems.NotFound("Demo-inloggning"), "Demo-inloggning är avstängd.");
        }
        if (request.Id is not { } id)
        {
            return Fail("id", "Välj vem du vill logga in som.");
        }
        var ct = http.RequestAborted;
        Actor actor;
        switch (request.Kind)
        {
            case "resident":
                var resident = await http.RequestServices.GetRequiredService<IResidentDirectory>().GetAsync(new ResidentId(id), ct);
                if (resident is null)
                {
                    return Unknown();
                }
                actor = new Actor(id, resident.Name, NaraRoles.Invanare, null, null);
                break;
            case "staff":
                var staff = await http.RequestServices.GetRequiredService<IOrganisationDirectory>().GetStaffAsync(new StaffId(id), ct);
                if (staff is null)
                {
                    return Unknown();
                }
                UnitId? unit = request.UnitId is { } u ? new UnitId(u) : staff.Units.Count > 0 ? staff.Units[0] : null;
                if (unit is { } chosen && !staff.Units.Contains(chosen))
                {
                    // Told apart from an unknown id, this would show that the id exists.
                    return Unknown();
                }
                actor = new Actor(id, staff.Name, NaraRoles.For(staff.Role), staff.Profession, unit);
                break;
            default:
                return Fail("kind", "Ange 'resident' eller 'staff'.");
        }
        var principal = new System.Security.Claims.ClaimsPrincipal(actor.ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme));
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        http.User = principal;
        return null;
    }

    private static SignInError Fail(string field, string message) => new(Problems.Invalid(field, message), message);

    // An unknown resident and an unknown member of staff get the same answer, so that sign-in does not tell which ids exist.
    private static SignInError Unknown() => Fail("id", UnknownIdentity);

    public const string UnknownIdentity = "Inloggningen gick inte. Kontrollera uppgifterna och försök igen.";
}
