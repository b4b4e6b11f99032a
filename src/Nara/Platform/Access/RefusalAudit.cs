using Nara.Platform.Api;
using Nara.Platform.Auth;
using Nara.Platform.Identifiers;

namespace Nara.Platform.Access;

/// <summary>What the access log has been told during one request (scoped): whether a refusal was written.</summary>
public sealed class AuditScope
{
    public bool DeniedWritten { get; set; }
}

/// <summary>
/// Every refusal of a signed-in person is in the access log: a 403 that no access check audited on its way (a role the
/// endpoint does not admit, a refusal a handler answers itself) is written here as a denied attempt, about the person
/// the request names when it names one (a <c>residentId</c> in the route, <c>patient=</c> or <c>subject=</c> in a
/// search). Refusals that <see cref="ResidentAccess"/> decided are audited there, with the record's own person.
/// </summary>
public static class RefusalAudit
{
    public static IApplicationBuilder UseNaraRefusalAudit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next();
            }
            catch (ProblemException problem) when (problem.Status == StatusCodes.Status403Forbidden)
            {
                await AuditAsync(context);
                throw;
            }
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
            {
                await AuditAsync(context);
            }
        });

    private static async Task AuditAsync(HttpContext context)
    {
        if (Actor.FromPrincipal(context.User) is not { } actor || context.RequestServices.GetRequiredService<AuditScope>().DeniedWritten)
        {
            return;
        }
        var access = context.RequestServices.GetRequiredService<ResidentAccess>();
        var action = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) ? AuditAction.Read : AuditAction.Write;
        await access.AuditRefusalAsync(actor, NamedResident(context), Resource(context), action, CancellationToken.None);
    }

    /// <summary>The endpoint as its route reads ("GET /api/residents/{residentId}"; a FHIR route with its resource type filled in).</summary>
    private static string Resource(HttpContext context)
    {
        var pattern = context.GetEndpoint() is RouteEndpoint route ? "/" + route.RoutePattern.RawText?.TrimStart('/') : context.Request.Path.Value;
        if (context.Request.RouteValues.TryGetValue("type", out var type) && type is string t && pattern?.StartsWith("/fhir", StringComparison.Ordinal) == true)
        {
            pattern = pattern.Replace("{type}", t, StringComparison.Ordinal);
        }
        var text = $"{context.Request.Method} {pattern}";
        return text.Length > 200 ? text[..200] : text;
    }

    private static ResidentId? NamedResident(HttpContext context)
    {
        if (context.Request.RouteValues.TryGetValue("residentId", out var value) && value is string text && Guid.TryParse(text, out var id))
        {
            return new ResidentId(id);
        }
        foreach (var name in new[] { "patient", "subject" })
        {
            var given = context.Request.Query[name].ToString();
            var raw = given.StartsWith("Patient/", StringComparison.Ordinal) ? given["Patient/".Length..] : given;
            if (Guid.TryParse(raw, out var named))
            {
                return new ResidentId(named);
            }
        }
        return null;
    }
}
