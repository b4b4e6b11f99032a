using Nara.Modules.Residents.Contracts;
using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Access;

/// <summary>
/// Declares on an endpoint that it touches one resident's personal health data: the filter decides access under the PDL
/// rules and audits the attempt before the handler runs (<see cref="ResidentAccess.RequireAsync"/>). The handler finds the
/// <see cref="AccessGrant"/> in HttpContext.Items.
/// </summary>
public static class ResidentAccessFilter
{
    public const string GrantKey = "nara:access-grant";

    public static TBuilder RequireResidentAccess<TBuilder>(this TBuilder builder, string resource, AuditAction action, string routeParameter = "residentId")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var actor = Actor.FromPrincipal(http.User);
            if (actor is null)
            {
                return TypedResults.Unauthorized();
            }
            var raw = http.Request.RouteValues[routeParameter]?.ToString();
            if (!StrongId.TryParse<ResidentId>(raw, out var resident))
            {
                return Problems.Invalid(routeParameter, "Id:t är inte ett giltigt id (GUID).");
            }
            if (!await http.RequestServices.GetRequiredService<IResidentDirectory>().ExistsAsync(resident, http.RequestAborted))
            {
                return Problems.NotFound("Invånaren");
            }
            var access = http.RequestServices.GetRequiredService<ResidentAccess>();
            try
            {
                http.Items[GrantKey] = await access.RequireAsync(actor, resident, new AccessRequest(resource, action), http.RequestAborted);
            }
            catch (ProblemException refused)
            {
                return refused.ToResult();
            }
            return await next(context);
        });
}
