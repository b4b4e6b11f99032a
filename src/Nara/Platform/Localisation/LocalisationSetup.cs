using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Nara.Platform.Localisation;

public static class LocalisationSetup
{
    public static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static IServiceCollection AddNaraLocalisation(this IServiceCollection services)
    {
        // Each module keeps its texts in its own Resources folder, named by a marker class there (ADR 0004).
        services.AddLocalization();
        services.AddTransient(typeof(Texts<>));
        return services;
    }

    public static IApplicationBuilder UseNaraLocalisation(this IApplicationBuilder app)
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Swedish),
            SupportedCultures = [Swedish, English],
            SupportedUICultures = [Swedish, English],
        };
        // Swedish unless the person chose English with the language switch: the browser's language is not asked for
        // pages. A machine calling the API or the FHIR edge asks with Accept-Language (its errors come in English then).
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new ApiAcceptLanguageProvider()];
        return app.UseRequestLocalization(options);
    }

    public static IEndpointRouteBuilder MapNaraLocalisation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sprak/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = culture == "en" ? English : Swedish;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(Api.LocalRedirects.SafeOr(returnUrl, "/"));
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Accept-Language, for /api and /fhir only.</summary>
    private sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var path = httpContext.Request.Path;
            return path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir")
                ? base.DetermineProviderCultureResult(httpContext)
                : NullProviderCultureResult;
        }
    }
}
