using Nara.Platform.Api;

namespace Nara.Modules.Triage.Features;

/// <summary>A request the triage features refuse, with the status, the field and a plain Swedish message.</summary>
public sealed class TriageProblemException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Field { get; } = field;

    public static TriageProblemException Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, field, message);
    public static TriageProblemException NotFound(string field, string message) => new(StatusCodes.Status404NotFound, field, message);
    public static TriageProblemException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "", message);
    public static TriageProblemException Conflict(string field, string message) => new(StatusCodes.Status409Conflict, field, message);
    public static TriageProblemException Gone(string message) => new(StatusCodes.Status410Gone, "", message);

    public IResult ToResult() => Status switch
    {
        StatusCodes.Status400BadRequest => Problems.Invalid(Field, Message),
        StatusCodes.Status403Forbidden => Problems.Forbidden(Message),
        _ => TypedResults.Problem(
            title: Status switch { 404 => "Hittades inte", 409 => "Konflikt", 410 => "Har gått ut", _ => "Fel" },
            detail: Message,
            statusCode: Status,
            extensions: string.IsNullOrEmpty(Field) ? null : new Dictionary<string, object?> { ["field"] = Field }),
    };
}

internal static class TriageEndpoints
{
    /// <summary>Turns a <see cref="TriageProblemException"/> from a handler into problem details, so handlers can stay plain.</summary>
    public static TBuilder WithTriageProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (TriageProblemException problem)
            {
                return problem.ToResult();
            }
        });
}
