using Orrery.Core.Errors;
using Orrery.Environments;
using Orrery.Evaluation.Planning;

namespace Orrery.Evaluation.Tests.Planning;

/// <summary>The CEM planner scoring its candidates in the ground truth (the upper bound of planning in a model).</summary>
public sealed class CemPlannerTests
{
    private static readonly PlanTask Reach = PlanTask.Of("reach");

    [Fact]
    public void The_truth_planner_brings_the_arm_to_the_target_in_every_episode()
    {
        using var truth = new EnvironmentSimulator("reach");
        var report = PlanEvaluation.Run(truth, truth, Reach, new PlanOptions(), episodes: 3, seed: 3, contextFrames: 4);

        Assert.Equal(3, report.Successes);
        Assert.All(report.EpisodeResults, e => Assert.True(e.Frames < Reach.Steps, $"episode {e.Seed} took {e.Frames} frames"));
        Assert.Equal(report.EpisodeResults.Sum(e => (e.Frames + 1) / 2), report.Decisions);   // one decision per two frames (action repeat 2)
    }

    [Fact]
    public void The_same_seed_plans_the_same_actions_and_another_seed_other_ones()
    {
        var shortTask = Reach with { Steps = 6 };
        var options = new PlanOptions { Candidates = 8, Elites = 2, Iterations = 2, Horizon = 3 };
        string Plan(int seed)
        {
            using var truth = new EnvironmentSimulator("reach");
            return PlanEvaluation.Run(truth, truth, shortTask, options, episodes: 2, seed, contextFrames: 2).ActionsSha256;
        }

        Assert.Equal(Plan(5), Plan(5));
        Assert.NotEqual(Plan(5), Plan(6));
    }

    [Fact]
    public void A_simulator_with_discrete_actions_cannot_be_planned_in()
    {
        using var maze = new EnvironmentSimulator("maze");
        var e = Assert.Throws<OrreryException>(() => new CemPlanner(maze, new PlanOptions(), 0));
        Assert.Equal("truth-maze: planning samples continuous actions; this simulator takes discrete ones", e.Message);
    }

    [Fact]
    public void Bad_settings_and_tasks_are_one_line_naming_the_value()
    {
        Assert.Equal("plan elites 9: expected 1 to candidates (8)", Assert.Throws<OrreryException>(() => new PlanOptions { Candidates = 8, Elites = 9 }.Validated()).Message);
        Assert.Equal("plan horizon 0: expected at least 1", Assert.Throws<OrreryException>(() => new PlanOptions { Horizon = 0 }.Validated()).Message);
        Assert.Equal("environment 'maze' has no planning task; expected one of: reach, push", Assert.Throws<OrreryException>(() => PlanTask.Of("maze")).Message);
    }
}
