using Nara.Platform.Api;

namespace Nara.Modules.VirtualCare.Features;

/// <summary>A request the virtual care features refuse, with the status, the field and a plain Swedish message.</summary>
public sealed class VirtualCareProblemException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Field { get; } = field;

    public static VirtualCareProblemException Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, field, message);

    /// <summary>Unknown, and someone else's, meetings get the same answer: whether it exists is not theirs to know.</summary>
    public static VirtualCareProblemException NotFound() => new(StatusCodes.Status404NotFound, "appointmentId", "Mötet finns inte.");

    public static VirtualCareProblemException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "", message);

    public static VirtualCareProblemException Conflict(string message) => new(StatusCodes.Status409Conflict, "appointmentId", message);

    public IResult ToResult() => Status switch
    {
        StatusCodes.Status400BadRequest => Problems.Invalid(Field, Message),
        StatusCodes.Status403Forbidden => Problems.Forbidden(Message),
        StatusCodes.Status404NotFound => TypedResults.Problem(title: "Hittades inte", detail: Message, statusCode: Status),
        _ => TypedResults.Problem(title: "Konflikt", detail: Message, statusCode: Status),
    };
}

internal static class VirtualCareEndpoints
{
    /// <summary>Turns a <see cref="VirtualCareProblemException"/> from a handler into problem details, so handlers can stay plain.</summary>
    public static TBuilder WithVirtualCareProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (VirtualCareProblemException problem)
            {
                return problem.ToResult();
            }
        }).WithTags("Digitala vårdmöten");
}
