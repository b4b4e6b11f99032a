using Microsoft.Extensions.Time.Testing;
using Nara.Platform.Outbox;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>An idle dispatcher sleeps until the next message is due, wakes when one is enqueued, and rechecks now and then.</summary>
public sealed class OutboxScheduleTests
{
    private readonly FakeTimeProvider _clock = new(TestClock.Now);

    private OutboxSchedule Schedule() => new(_clock, new OutboxOptions { IdleRecheck = TimeSpan.FromMinutes(1) });

    [Fact]
    public void After_a_look_it_sleeps_until_the_next_message_is_due_or_the_recheck_whichever_is_first()
    {
        var schedule = Schedule();
        Assert.True(schedule.ShouldPoll());

        schedule.Polled(_clock.GetUtcNow(), _clock.GetUtcNow().AddSeconds(20));
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.False(schedule.ShouldPoll());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.ShouldPoll());

        schedule.Polled(_clock.GetUtcNow(), _clock.GetUtcNow().AddDays(3));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(schedule.ShouldPoll());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.ShouldPoll());

        schedule.Polled(_clock.GetUtcNow(), null);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(schedule.ShouldPoll());
    }

    [Fact]
    public void A_message_enqueued_here_wakes_it_and_keeps_it_looking_until_the_command_has_surely_committed()
    {
        var schedule = Schedule();
        schedule.Polled(_clock.GetUtcNow(), null);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(schedule.ShouldPoll());

        schedule.Wake();
        Assert.True(schedule.ShouldPoll());
        // The look ran before the command committed and found nothing: it looks again on the next ticks.
        _clock.Advance(TimeSpan.FromSeconds(1));
        schedule.Polled(_clock.GetUtcNow(), null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(schedule.ShouldPoll());
        schedule.Polled(_clock.GetUtcNow(), null);
        _clock.Advance(OutboxSchedule.CommitGrace);
        schedule.Polled(_clock.GetUtcNow(), null);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(schedule.ShouldPoll());
    }
}
