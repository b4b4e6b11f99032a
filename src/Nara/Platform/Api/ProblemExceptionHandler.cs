using Microsoft.AspNetCore.Diagnostics;

namespace Nara.Platform.Api;

/// <summary>
/// A refusal a handler threw (<see cref="ProblemException"/>: an access refusal from ResidentAccess, a conflict, a
/// field that is wrong) is answered with its status and problem details wherever it comes from, also from an endpoint
/// that does not add <see cref="ProblemEndpoints.WithProblems{TBuilder}"/>: a client's mistake is never a 500.
/// </summary>
public sealed class ProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ProblemException problem)
        {
            return false;
        }
        await problem.ToResult().ExecuteAsync(httpContext);
        return true;
    }
}
