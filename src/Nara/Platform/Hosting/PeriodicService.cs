namespace Nara.Platform.Hosting;

/// <summary>
/// Background work on a timer (the clock from <see cref="TimeProvider"/>) that begins only once the start is done
/// (<see cref="StartupGate"/>: the demo region is written on a first start). A failed run is reported to
/// <see cref="OnFailed"/> and tried again at the next tick; the service keeps running.
/// </summary>
public abstract class PeriodicService(StartupGate gate, TimeProvider time) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>False to not run in this process (configuration).</summary>
    protected virtual bool Enabled => true;

    /// <summary>Run once as soon as the start is done, or only after the first interval.</summary>
    protected virtual bool RunAtStart => true;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    /// <summary>Logs the failure; no personal data (an exception's message may carry some).</summary>
    protected abstract void OnFailed(Exception ex);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await gate.WaitAsync(stoppingToken) || !Enabled)
        {
            return;
        }
        // SQLite's async calls complete synchronously: yield first so that a long first run never holds up the host.
        await Task.Yield();
        using var timer = new PeriodicTimer(Interval, time);
        if (!RunAtStart && !await timer.WaitForNextTickAsync(stoppingToken))
        {
            return;
        }
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OnFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
