using Microsoft.Extensions.Time.Testing;
using Orrery.Cli.Terminal;

namespace Orrery.Cli.Tests.Terminal;

public class ProgressTrackerTests
{
    [Fact]
    public void A_resumed_run_counts_its_rate_and_eta_from_the_saved_step_not_from_zero()
    {
        var clock = new FakeTimeProvider();
        var tracker = new ProgressTracker("train", 2000, "steps", time: clock) { Baseline = 1000 };
        tracker.Set(1000);
        clock.Advance(TimeSpan.FromSeconds(10));
        tracker.Set(1020);
        Assert.Equal(2.0, tracker.Rate, 9);
        Assert.Equal(TimeSpan.FromSeconds(490), tracker.Remaining);
    }

    [Fact]
    public void There_is_no_eta_before_any_work_is_done()
    {
        var clock = new FakeTimeProvider();
        var tracker = new ProgressTracker("rollout", 100, "frames", time: clock);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Null(tracker.Remaining);
    }
}
