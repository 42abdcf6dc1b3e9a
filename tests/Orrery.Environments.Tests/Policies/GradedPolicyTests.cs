using Orrery.Core.Environments;
using Orrery.Core.Policies;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments.Policies;

namespace Orrery.Environments.Tests.Policies;

public class GradedPolicyTests
{
    private static readonly BoxActionSpace Box = new(["x", "y"], [-1f, -1f], [1f, 1f]);

    // Answers with the first element of the state it is shown, and records the steps it was asked at.
    private sealed class Echo : IPolicy
    {
        public List<int> Steps { get; } = [];

        public string Name => "echo";

        public void Reset(int seed) => Steps.Clear();

        public ActionVector Act(Observation observation, int step)
        {
            Steps.Add(step);
            var v = observation.Streams[StreamNames.State][0];
            return ActionVector.Continuous(v, v);
        }
    }

    private static Observation Frame(int t) => new([], new StreamValues { [StreamNames.State] = [t / 100f] });

    [Fact]
    public void Delayed_policy_sees_the_frame_of_delay_frames_ago_and_the_first_frame_until_then()
    {
        var echo = new Echo();
        var delayed = new DelayedPolicy("late", echo, 3);
        delayed.Reset(0);
        var seen = Enumerable.Range(0, 8).Select(t => delayed.Act(Frame(t), t).Values[0]).ToArray();
        Assert.Equal([0f, 0f, 0f, 0f, 0.01f, 0.02f, 0.03f, 0.04f], seen);
        Assert.Equal([0, 0, 0, 0, 1, 2, 3, 4], echo.Steps);
        delayed.Reset(1);
        Assert.Equal(0.05f, delayed.Act(Frame(5), 0).Values[0]); // a reset forgets the last episode's frames
    }

    [Fact]
    public void Noisy_policy_stays_in_the_box_spreads_as_asked_and_repeats_by_seed()
    {
        float[] Run(int seed)
        {
            var noisy = new NoisyPolicy("noisy", new Echo(), Box, 0.2);
            noisy.Reset(seed);
            return Enumerable.Range(0, 4000).Select(t => Box.Validate(noisy.Act(Frame(50), t)).Values[0]).ToArray();
        }
        var actions = Run(3);
        Assert.Equal(0.5, actions.Average(), 1);
        var spread = Math.Sqrt(actions.Average(a => (a - 0.5) * (a - 0.5)));
        Assert.Equal(0.2, spread, 1);
        Assert.Equal(actions, Run(3));
        Assert.NotEqual(actions, Run(4));
    }
}
