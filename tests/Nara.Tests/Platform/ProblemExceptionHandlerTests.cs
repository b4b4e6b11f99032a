using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Api;

namespace Nara.Tests.Platform;

/// <summary>A refusal thrown anywhere is answered with its own status and Swedish problem details, never a 500.</summary>
public sealed class ProblemExceptionHandlerTests
{
    private static DefaultHttpContext Context()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }

    [Fact]
    public async Task A_thrown_refusal_is_answered_with_its_status_and_message()
    {
        var http = Context();

        var handled = await new ProblemExceptionHandler().TryHandleAsync(http, ProblemException.Forbidden("Du får inte."), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status403Forbidden, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        var body = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("Du får inte.", body.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_wrong_field_names_the_field_and_other_exceptions_are_left_alone()
    {
        var http = Context();
        Assert.True(await new ProblemExceptionHandler().TryHandleAsync(http, ProblemException.Invalid("unitId", "Välj en vårdenhet."), CancellationToken.None));
        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        Assert.True((await JsonDocument.ParseAsync(http.Response.Body)).RootElement.GetProperty("errors").TryGetProperty("unitId", out _));

        Assert.False(await new ProblemExceptionHandler().TryHandleAsync(Context(), new InvalidOperationException("a bug"), CancellationToken.None));
    }
}
