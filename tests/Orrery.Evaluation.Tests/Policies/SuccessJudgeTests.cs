using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Streams;
using Orrery.Evaluation.Rollouts;

namespace Orrery.Evaluation.Tests.Policies;

public sealed class SuccessJudgeTests
{
    // reach's state: angles, velocities, fingertip (x, y), target (x, y); its success stream says the opposite of the state
    private static Observation Reach(float tipX, float success) =>
        new([], new StreamValues { [StreamNames.State] = [0, 0, 0, 0, tipX, 0.1f, 0.1f, 0.1f], [StreamNames.Success] = [success] });

    [Fact]
    public void The_state_judge_reads_the_positions_and_the_stream_judge_the_success_stream()
    {
        var byState = SuccessJudge.For(SuccessSource.State, "reach");
        var byStream = SuccessJudge.For(SuccessSource.Stream, "reach");
        Assert.True(byState(Reach(0.11f, 0)));    // 1 cm from the target, inside its 2.5 cm radius
        Assert.False(byState(Reach(0.14f, 1)));   // 4 cm away
        Assert.False(byStream(Reach(0.11f, 0)));
        Assert.True(byStream(Reach(0.14f, 1)));
    }

    [Fact]
    public void A_world_without_a_task_has_no_state_judge() =>
        Assert.Contains("environment 'maze' has no success rule on its state",
                        Assert.Throws<OrreryException>(() => SuccessJudge.For(SuccessSource.State, "maze")).Message);
}
