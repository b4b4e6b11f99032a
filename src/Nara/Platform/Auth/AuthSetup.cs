using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Nara.Modules.Organisation.Contracts;
using Nara.Modules.Residents.Contracts;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Auth;

/// <summary>Bound from <c>Nara:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>"demo" (the embedded default: a demo identity page) or "oidc" (an e-ID broker such as BankID or SITHS).</summary>
    public string Mode { get; init; } = "demo";
    public OidcOptions Oidc { get; init; } = new();
    public bool IsDemo => string.Equals(Mode, "demo", StringComparison.OrdinalIgnoreCase);
}

public sealed class OidcOptions
{
    public string? Authority { get; init; }
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
    /// <summary>The claim that carries a resident's personnummer from the e-ID broker.</summary>
    public string PersonnummerClaim { get; init; } = "personal_identity_number";
    /// <summary>The claim that carries a staff member's HSA id (SITHS).</summary>
    public string HsaIdClaim { get; init; } = "hsa_id";
    /// <summary>The claim that carries the staff member's chosen care unit (HSA id of the unit), if the broker sends it.</summary>
    public string UnitClaim { get; init; } = "hsa_unit";
}

public static class AuthSetup
{
    /// <summary>Where the e-ID broker posts the sign-in back: a form on the broker's site, checked by OIDC's own state and nonce.</summary>
    public const string OidcCallbackPath = "/signin-oidc";

    public static IServiceCollection AddNaraAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Nara:Auth").Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(options);
        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = options.IsDemo ? CookieAuthenticationDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme;
        });
        auth.AddCookie(o =>
        {
            o.Cookie.Name = "nara.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = options.IsDemo ? "/demo-inloggning" : "/logga-in";
            o.AccessDeniedPath = "/atkomst-nekad";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // Machines calling /api, /fhir or a SignalR hub get status codes, never a redirect to a sign-in page.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });
        // After AddCookie, so it runs after ASP.NET Core's own post-configuration has created the ticket format.
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>, CacheCookieTickets>();
        if (!options.IsDemo)
        {
            auth.AddOpenIdConnect(o =>
            {
                o.Authority = options.Oidc.Authority;
                o.ClientId = options.Oidc.ClientId;
                o.ClientSecret = options.Oidc.ClientSecret;
                o.ResponseType = "code";
                o.CallbackPath = OidcCallbackPath;
                o.SaveTokens = false;
                o.MapInboundClaims = false;
                o.Events.OnTokenValidated = MapExternalIdentityAsync;
            });
        }
        services.AddAuthorizationBuilder()
            .AddPolicy(NaraPolicies.Invanare, p => p.RequireRole(NaraRoles.Invanare))
            .AddPolicy(NaraPolicies.Vardpersonal, p => p.RequireRole(NaraRoles.Vardpersonal, NaraRoles.Verksamhetschef))
            .AddPolicy(NaraPolicies.Verksamhetschef, p => p.RequireRole(NaraRoles.Verksamhetschef))
            .AddPolicy(NaraPolicies.Analytiker, p => p.RequireRole(NaraRoles.Analytiker, NaraRoles.Verksamhetschef, NaraRoles.Administrator))
            .AddPolicy(NaraPolicies.Administrator, p => p.RequireRole(NaraRoles.Administrator));
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        var path = ctx.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir") || path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Turns the broker's identity into a Nära actor: a personnummer makes a resident, an HSA id makes a member of staff.
    /// Identities the region does not know are refused rather than let in without a role.
    /// </summary>
    private static async Task MapExternalIdentityAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext ctx)
    {
        var options = ctx.HttpContext.RequestServices.GetRequiredService<AuthOptions>().Oidc;
        var principal = ctx.Principal!;
        var ct = ctx.HttpContext.RequestAborted;
        Actor? actor = null;
        var pnr = principal.FindFirstValue(options.PersonnummerClaim);
        var hsa = principal.FindFirstValue(options.HsaIdClaim);
        if (pnr is not null)
        {
            var residents = ctx.HttpContext.RequestServices.GetRequiredService<IResidentDirectory>();
            var r = await residents.FindByPersonnummerAsync(pnr, ct);
            actor = r is null ? null : new Actor(r.Id.Value, r.Name, NaraRoles.Invanare, null, null);
        }
        else if (hsa is not null)
        {
            var org = ctx.HttpContext.RequestServices.GetRequiredService<IOrganisationDirectory>();
            var s = await org.FindStaffByHsaIdAsync(hsa, ct);
            if (s is not null)
            {
                var unitHsa = principal.FindFirstValue(options.UnitClaim);
                var units = await org.GetUnitsAsync(s.Units, ct);
                UnitId? unit = units.Values.FirstOrDefault(u => u.HsaId == unitHsa)?.Id ?? (s.Units.Count > 0 ? s.Units[0] : null);
                actor = new Actor(s.Id.Value, s.Name, NaraRoles.For(s.Role), s.Profession, unit);
            }
        }
        if (actor is null)
        {
            ctx.Fail("Identiteten är inte känd i Nära.");
            return;
        }
        ctx.Principal = new ClaimsPrincipal(actor.ToIdentity(CookieAuthenticationDefaults.AuthenticationScheme));
    }
}
