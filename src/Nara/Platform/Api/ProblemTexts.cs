using System.Globalization;

namespace Nara.Platform.Api;

/// <summary>
/// Every problem details body the framework writes (a status code page, an unhandled error, a refused sign-in, a
/// validation problem without a title of ours) gets a plain title and detail in Swedish, or in English when the request's
/// culture is English. Titles and details a feature already set are kept.
/// </summary>
public static class ProblemTexts
{
    private sealed record Text(string TitleSv, string DetailSv, string TitleEn, string DetailEn);

    private static readonly Dictionary<int, Text> ByStatus = new()
    {
        [400] = new("Felaktig begäran", "Begäran kunde inte tolkas. Kontrollera uppgifterna och försök igen.", "Bad request", "The request could not be understood. Check the details and try again."),
        [401] = new("Inloggning krävs", "Du behöver logga in för att göra det här.", "Sign-in required", "You need to sign in to do this."),
        [403] = new("Åtkomst nekad", "Du har inte behörighet att göra det här.", "Access denied", "You are not allowed to do this."),
        [404] = new("Hittades inte", "Det du söker finns inte.", "Not found", "What you are looking for does not exist."),
        [405] = new("Metoden stöds inte", "Adressen finns men tar inte emot den här sortens begäran.", "Method not allowed", "The address exists but does not accept this kind of request."),
        [406] = new("Formatet stöds inte", "Nära kan inte svara i det format som begärdes.", "Not acceptable", "Nära cannot answer in the format that was asked for."),
        [409] = new("Konflikt", "Uppgiften har ändrats av någon annan. Ladda om och försök igen.", "Conflict", "The data was changed by someone else. Reload and try again."),
        [410] = new("Har gått ut", "Det här finns inte längre.", "Gone", "This no longer exists."),
        [413] = new("För stort innehåll", "Innehållet är för stort.", "Content too large", "The content is too large."),
        [415] = new("Fel innehållstyp", "Innehållet ska skickas som JSON (application/json).", "Unsupported media type", "The content must be sent as JSON (application/json)."),
        [429] = new("För många försök", "Vänta en stund och försök igen.", "Too many requests", "Wait a moment and try again."),
        [500] = new("Något gick fel", "Ett oväntat fel inträffade. Försök igen om en stund.", "Something went wrong", "An unexpected error occurred. Try again in a moment."),
        [503] = new("Tillfälligt otillgänglig", "Nära är hårt belastat just nu. Försök igen om en liten stund.", "Temporarily unavailable", "Nära is under heavy load right now. Try again shortly."),
    };

    // The framework's own English titles and details, which are replaced.
    private static readonly HashSet<string> FrameworkTexts =
    [
        "One or more validation errors occurred.",
        "An error occurred while processing your request.",
    ];

    public static void Configure(ProblemDetailsOptions options) => options.CustomizeProblemDetails = context =>
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var english = IsEnglish();
        var text = ByStatus.GetValueOrDefault(status) ?? (status >= 500 ? ByStatus[500] : ByStatus[400]);
        if (IsFrameworkText(problem.Title, status))
        {
            problem.Title = english ? text.TitleEn : text.TitleSv;
        }
        if (problem.Detail is null || IsFrameworkText(problem.Detail, status))
        {
            problem.Detail = english ? text.DetailEn : text.DetailSv;
        }
        // The framework's links to the RFC section of the status say nothing a person can use.
        if (problem.Type?.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal) == true)
        {
            problem.Type = null;
        }
    };

    /// <summary>The title a problem of this status gets, in the request's language.</summary>
    public static string Title(int status)
    {
        var text = ByStatus.GetValueOrDefault(status) ?? (status >= 500 ? ByStatus[500] : ByStatus[400]);
        return IsEnglish() ? text.TitleEn : text.TitleSv;
    }

    private static bool IsEnglish() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static bool IsFrameworkText(string? text, int status) =>
        string.IsNullOrEmpty(text)
        || FrameworkTexts.Contains(text)
        || string.Equals(text, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), StringComparison.Ordinal);
}
