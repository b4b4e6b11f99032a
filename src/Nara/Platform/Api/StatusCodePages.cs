namespace Nara.Platform.Api;

public static class StatusCodePages
{
    /// <summary>
    /// An error answered without a body (a route that does not exist, a method it does not take, a sign-in the cookie
    /// handler refused) gets problem details in the request's language; a browser asking for a page gets the same words
    /// as plain text.
    /// </summary>
    public static IApplicationBuilder UseNaraStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = { Status = status } }))
            {
                return;
            }
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync($"{status} – {ProblemTexts.Title(status)}", http.RequestAborted);
        });
}
