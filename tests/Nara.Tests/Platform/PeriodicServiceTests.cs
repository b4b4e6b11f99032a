using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using Nara.Platform.Hosting;

namespace Nara.Tests.Platform;

/// <summary>
/// The timer loop the background services share: nothing before the start-up gate opens, a run at once (or after the
/// first interval), then one per interval on the injected clock, and a failed run does not end the service.
/// Runs are observed through a channel, never by sleeping.
/// </summary>
public sealed class PeriodicServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private sealed class Probe(StartupGate gate, TimeProvider time, bool runAtStart, bool enabled = true) : PeriodicService(gate, time)
    {
        public Channel<int> Runs { get; } = Channel.CreateUnbounded<int>();
        public Channel<Exception> Failures { get; } = Channel.CreateUnbounded<Exception>();
        public int FailOnRun { get; init; }
        private int _run;

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);
        protected override bool Enabled => enabled;
        protected override bool RunAtStart => runAtStart;

        protected override Task RunOnceAsync(CancellationToken ct)
        {
            var run = ++_run;
            Runs.Writer.TryWrite(run);
            return run == FailOnRun ? throw new InvalidOperationException("run failed") : Task.CompletedTask;
        }

        protected override void OnFailed(Exception ex) => Failures.Writer.TryWrite(ex);
    }

    /// <summary>The fake clock, telling when a timer is made on it: advancing before the service's timer exists would be lost.</summary>
    private sealed class Clock : TimeProvider
    {
        public FakeTimeProvider Fake { get; } = new();
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult();
            return timer;
        }
    }

    [Fact]
    public async Task Nothing_runs_before_the_gate_opens_then_once_at_once_and_once_per_interval_and_a_failure_does_not_stop_it()
    {
        var gate = new StartupGate();
        gate.Close();
        var clock = new FakeTimeProvider();
        var probe = new Probe(gate, clock, runAtStart: true) { FailOnRun = 2 };
        await probe.StartAsync(CancellationToken.None);
        try
        {
            Assert.False(probe.Runs.Reader.TryRead(out _), "It ran before the start was done.");
            gate.Open();
            Assert.Equal(1, await probe.Runs.Reader.ReadAsync().AsTask().WaitAsync(Wait));

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(2, await probe.Runs.Reader.ReadAsync().AsTask().WaitAsync(Wait));
            Assert.Equal("run failed", (await probe.Failures.Reader.ReadAsync().AsTask().WaitAsync(Wait)).Message);

            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(3, await probe.Runs.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        }
        finally
        {
            await probe.StopAsync(CancellationToken.None);
        }
        Assert.False(probe.Runs.Reader.TryRead(out _), "It ran more often than once per interval.");
    }

    [Fact]
    public async Task A_service_that_waits_for_its_first_interval_runs_only_then_and_a_disabled_or_failed_start_runs_nothing()
    {
        var clock = new Clock();
        var later = new Probe(new StartupGate(), clock, runAtStart: false);
        await later.StartAsync(CancellationToken.None);
        await clock.TimerCreated.Task.WaitAsync(Wait);
        // Advancing less than the interval fires nothing; the full interval fires the first run.
        clock.Fake.Advance(TimeSpan.FromSeconds(59));
        Assert.False(later.Runs.Reader.TryRead(out _));
        clock.Fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await later.Runs.Reader.ReadAsync().AsTask().WaitAsync(Wait));
        await later.StopAsync(CancellationToken.None);

        var disabled = new Probe(new StartupGate(), clock.Fake, runAtStart: true, enabled: false);
        await disabled.StartAsync(CancellationToken.None);
        await disabled.ExecuteTask!.WaitAsync(Wait);
        Assert.False(disabled.Runs.Reader.TryRead(out _));

        var failedGate = new StartupGate();
        failedGate.Close();
        var afterFailedStart = new Probe(failedGate, clock.Fake, runAtStart: true);
        await afterFailedStart.StartAsync(CancellationToken.None);
        failedGate.Fail();
        await afterFailedStart.ExecuteTask!.WaitAsync(Wait);
        Assert.False(afterFailedStart.Runs.Reader.TryRead(out _));
    }
}
