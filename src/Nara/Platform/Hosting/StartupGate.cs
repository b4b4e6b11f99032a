namespace Nara.Platform.Hosting;

/// <summary>
/// Holds requests and background work back until the work of a start is done (the demo region on a first start), so
/// that the web server can start listening meanwhile instead of after it. Nothing is served from a half-written
/// region: a request that comes early waits, and is answered once the region is there. The gate is open unless the
/// start closes it, so a host built in a test behaves as before.
/// </summary>
public sealed class StartupGate
{
    private volatile TaskCompletionSource<bool> _state = Opened();

    public bool IsOpen => _state.Task is { IsCompleted: true } task && task.Result;

    /// <summary>Closes the gate; called before the server starts.</summary>
    public void Close() => _state = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _state.TrySetResult(true);

    /// <summary>The start failed: whoever waits is let go with false, and the host is stopping.</summary>
    public void Fail() => _state.TrySetResult(false);

    /// <summary>Waits until the start is done: true when it succeeded, false when it failed.</summary>
    public Task<bool> WaitAsync(CancellationToken ct) => _state.Task.WaitAsync(ct);

    private static TaskCompletionSource<bool> Opened()
    {
        var open = new TaskCompletionSource<bool>();
        open.SetResult(true);
        return open;
    }
}

public static class StartupGateSetup
{
    /// <summary>
    /// First in the pipeline: requests wait at a closed gate (liveness excepted: the process is alive), and get a 503
    /// with problem details if the start fails.
    /// </summary>
    public static IApplicationBuilder UseNaraStartupGate(this IApplicationBuilder app)
    {
        var gate = app.ApplicationServices.GetRequiredService<StartupGate>();
        return app.Use(async (context, next) =>
        {
            if (!gate.IsOpen && !context.Request.Path.StartsWithSegments("/health/live", StringComparison.OrdinalIgnoreCase)
                && !await gate.WaitAsync(context.RequestAborted))
            {
                await Results.Problem(
                    title: "Nära kunde inte starta",
                    detail: "Tjänsten startar inte just nu. Försök igen om en stund.",
                    statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
    }
}
