using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>A host that keeps every log line it writes (message and exception), at every level from Debug.</summary>
public sealed class LogCaptureApp : SqliteApp
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Debug);
            logging.AddProvider(new CaptureProvider(Lines));
        });
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(lines, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class Capture(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}

/// <summary>Bad input is answered without its raw value reaching the log (no personal data in logs, issue 11 point 6).</summary>
public sealed class LogPrivacyTests(LogCaptureApp app) : IClassFixture<LogCaptureApp>
{
    private const string Marker = "HEMLIGT19121212";

    [Fact]
    public async Task A_value_that_cannot_be_bound_is_400_and_never_quoted_in_the_log()
    {
        var resident = await app.Data.ResidentAsync();
        var client = await app.ResidentClientAsync(resident.Id.Value);
        var responses = new[]
        {
            await client.PostAsync("/api/auth/demo", new StringContent($"{{\"kind\":\"resident\",\"id\":\"{Marker}\"}}", Encoding.UTF8, "application/json")),
            await client.GetAsync($"/api/booking/free-slots?from={Marker}"),
            await client.PutAsync("/api/me/contact-preferences", new StringContent($"{{\"email\":\"{Marker}", Encoding.UTF8, "application/json")),
            await client.PutAsync("/api/me/contact-preferences", new StringContent($"{{\"preferredChannel\":\"{Marker}\"}}", Encoding.UTF8, "application/json")),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        foreach (var response in responses)
        {
            Assert.DoesNotContain(Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.NotEmpty(app.Lines);
        Assert.DoesNotContain(app.Lines, line => line.Contains(Marker, StringComparison.Ordinal));
    }
}
