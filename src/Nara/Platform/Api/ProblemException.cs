namespace Nara.Platform.Api;

/// <summary>
/// A request a feature refuses, with the HTTP status, the field and a plain Swedish message, and optionally more
/// members for the problem details (for example alternatives to a taken time). Handlers throw it; the endpoint filter
/// <see cref="ProblemEndpoints.WithProblems{TBuilder}"/> and Blazor pages turn it into an answer.
/// </summary>
public sealed class ProblemException(int status, string field, string message, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Field { get; } = field;
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    /// <summary>Every field that is wrong, each with its message (a 400 names them all).</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; private init; }

    public static ProblemException Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, field, message);

    public static ProblemException Invalid(IDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, errors.Keys.First(), string.Join(" ", errors.SelectMany(e => e.Value)))
        {
            Errors = new Dictionary<string, string[]>(errors),
        };
    public static ProblemException NotFound(string field, string message) => new(StatusCodes.Status404NotFound, field, message);
    public static ProblemException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "", message);
    public static ProblemException Conflict(string field, string message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        new(StatusCodes.Status409Conflict, field, message, extensions);

    public IResult ToResult()
    {
        if (Status == StatusCodes.Status400BadRequest)
        {
            return Errors is { } errors ? Problems.Invalid(errors.ToDictionary()) : Problems.Invalid(Field, Message);
        }
        var extensions = new Dictionary<string, object?>(Extensions);
        if (!string.IsNullOrEmpty(Field))
        {
            extensions["field"] = Field;
        }
        return TypedResults.Problem(
            title: Status switch { 403 => "Åtkomst nekad", 404 => "Hittades inte", 409 => "Konflikt", 410 => "Har gått ut", _ => "Fel" },
            detail: Message,
            statusCode: Status,
            extensions: extensions);
    }
}

public static class ProblemEndpoints
{
    /// <summary>Turns a <see cref="ProblemException"/> from a handler into problem details, so handlers can stay plain.</summary>
    public static TBuilder WithProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (ProblemException problem)
            {
                return problem.ToResult();
            }
        });
}
