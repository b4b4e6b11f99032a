using Nara.Platform.Api;

namespace Nara.Modules.CareGuarantee.Features;

/// <summary>A request the care-guarantee features refuse: the status, the field and a plain Swedish message.</summary>
public sealed class GuaranteeProblemException(int status, string field, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Field { get; } = field;

    public static GuaranteeProblemException Invalid(string field, string message) => new(StatusCodes.Status400BadRequest, field, message);
    public static GuaranteeProblemException NotFound(string field, string what) => new(StatusCodes.Status404NotFound, field, $"{what} finns inte.");
    public static GuaranteeProblemException Forbidden(string message) => new(StatusCodes.Status403Forbidden, "", message);
    public static GuaranteeProblemException Conflict(string field, string message) => new(StatusCodes.Status409Conflict, field, message);

    public IResult ToResult() => Status switch
    {
        StatusCodes.Status400BadRequest => Problems.Invalid(Field, Message),
        StatusCodes.Status403Forbidden => Problems.Forbidden(Message),
        StatusCodes.Status404NotFound => TypedResults.Problem(title: "Hittades inte", detail: Message, statusCode: Status),
        _ => Problems.Conflict(Message),
    };
}

internal static class GuaranteeEndpoints
{
    /// <summary>Turns a <see cref="GuaranteeProblemException"/> from a handler into problem details.</summary>
    public static TBuilder WithGuaranteeProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (GuaranteeProblemException problem)
            {
                return problem.ToResult();
            }
        });

    /// <summary>Checks paging parameters the same way everywhere.</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize, int defaultSize = 25)
    {
        var p = page ?? 1;
        var s = pageSize ?? defaultSize;
        if (p < 1)
        {
            throw GuaranteeProblemException.Invalid("page", "Sidnumret ska vara 1 eller större.");
        }
        if (s is < 1 or > 100)
        {
            throw GuaranteeProblemException.Invalid("pageSize", "Sidstorleken ska vara mellan 1 och 100.");
        }
        return (p, s);
    }
}
