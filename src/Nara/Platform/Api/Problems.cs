namespace Nara.Platform.Api;

/// <summary>RFC 9457 problem details with Swedish, plain-language messages that name the field.</summary>
public static class Problems
{
    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Felaktig uppgift", detail: message);

    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Felaktiga uppgifter", detail: string.Join(" ", errors.SelectMany(e => e.Value)));

    public static IResult NotFound(string what) =>
        TypedResults.Problem(title: "Hittades inte", detail: $"{what} finns inte.", statusCode: StatusCodes.Status404NotFound);

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Åtkomst nekad", detail: detail, statusCode: StatusCodes.Status403Forbidden);

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(title: "Konflikt", detail: detail, statusCode: StatusCodes.Status409Conflict);
}
