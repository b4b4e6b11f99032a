using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Nara.Platform.Api;

/// <summary>
/// A request the framework cannot bind (JSON that does not parse, a body missing, a value of the wrong type, a required
/// parameter left out, the wrong content type) is answered with Swedish problem details naming the field, in every
/// environment: the endpoints throw <see cref="BadHttpRequestException"/> instead of answering with an empty 400 (see
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> in NaraHost). The raw input is never repeated, in the answer or the log.
/// </summary>
public sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        var (field, message) = Explain(bad);
        httpContext.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = ProblemTexts.Title(status),
            Detail = message,
        };
        if (field is not null)
        {
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [message] };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The field the failure is about and what to say about it, from the framework's message (which quotes the input, so it is never shown).</summary>
    public static (string? Field, string Message) Explain(BadHttpRequestException bad)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (null, english ? "The content must be sent as JSON (application/json)." : "Innehållet ska skickas som JSON (application/json).");
        }
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, english ? "The content is too large." : "Innehållet är för stort.");
        }
        var parameter = ParameterName().Match(bad.Message) is { Success: true } m ? m.Groups["name"].Value : null;
        if (FindJson(bad) is { } json)
        {
            var path = JsonField(json.Path);
            if (path is not null && json.Message == InputCharacters.StringConverter.Refused)
            {
                return (path, english ? $"The value of '{path}' contains control characters." : InputCharacters.Refusal(path));
            }
            return path is null
                ? (parameter ?? "body", english ? "The content is not valid JSON of the expected shape." : "Innehållet är inte giltig JSON med rätt uppbyggnad.")
                : (path, english ? $"The field '{path}' has the wrong format." : $"Fältet '{path}' har fel format.");
        }
        if (bad.Message.Contains("anti-forgery", StringComparison.OrdinalIgnoreCase) || bad.Message.Contains("antiforgery", StringComparison.OrdinalIgnoreCase))
        {
            return (null, english ? "The form has expired. Reload the page and try again." : "Formuläret har gått ut. Ladda om sidan och försök igen.");
        }
        if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) || bad.Message.Contains("was not provided", StringComparison.Ordinal)
            || bad.Message.Contains("no body", StringComparison.Ordinal))
        {
            return bad.Message.Contains("body", StringComparison.Ordinal)
                ? (parameter ?? "body", english ? "The request has no content; send it as JSON." : "Innehåll saknas; skicka uppgifterna som JSON.")
                : (parameter, english ? "A value is missing." : "Ett värde saknas.");
        }
        if (bad.Message.Contains("form", StringComparison.OrdinalIgnoreCase))
        {
            return (parameter, english ? "The form could not be read." : "Formuläret kunde inte läsas.");
        }
        if (parameter is not null)
        {
            return (parameter, english ? $"The value of '{parameter}' has the wrong format." : $"Värdet för '{parameter}' har fel format.");
        }
        return (null, english ? "The request could not be understood." : "Begäran kunde inte tolkas.");
    }

    private static JsonException? FindJson(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>"$.slot.start" → "slot.start"; "$" or none → null; array indexes kept ("items[0]").</summary>
    private static string? JsonField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? null : field;
    }

    // 'Failed to bind parameter "DateOnly from" from ...', 'Required parameter "Request request" was not provided ...'
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
