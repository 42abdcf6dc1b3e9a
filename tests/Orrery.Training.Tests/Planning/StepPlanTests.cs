using Orrery.Model.Configs;
using Orrery.Training.Planning;

namespace Orrery.Training.Tests.Planning;

public class StepPlanTests
{
    private static readonly TrainConfig Train = new() { TokenizerSteps = 100, DynamicsSteps = 200, DecoderSteps = 5, TokenizerTimeShare = 0.35 };

    [Fact]
    public void Total_steps_split_by_the_tokenizer_share()
    {
        Assert.Equal(new StepPlan(21, 39, 5), StepPlan.For(Train, 60, null));
        Assert.Equal(new StepPlan(0, 60, 5), StepPlan.For(Train with { TokenizerTimeShare = 0 }, 60, null));
    }

    [Fact]
    public void A_budget_leaves_the_counts_to_calibration_and_config_counts_apply_otherwise()
    {
        Assert.Equal(new StepPlan(null, null, 5), StepPlan.For(Train, null, TimeSpan.FromMinutes(1)));
        Assert.Equal(new StepPlan(0, null, 5), StepPlan.For(Train with { TokenizerTimeShare = 0 }, null, TimeSpan.FromMinutes(1)));
        Assert.Equal(new StepPlan(100, 200, 5), StepPlan.For(Train, null, null));
    }

    [Fact]
    public void Stages_start_where_the_one_before_ended_and_count_what_they_did()
    {
        var plan = new StepPlan(10, 20, 5);

        Assert.Equal((0L, 10L, 30L), (plan.Start(1), plan.Start(2), plan.Start(3)));
        Assert.Equal(35, plan.End(3));
        Assert.Equal((10L, 4L, 0L), (plan.Done(1, 14), plan.Done(2, 14), plan.Done(3, 14)));
        Assert.Equal((10L, 20L, 5L), (plan.Done(1, 35), plan.Done(2, 35), plan.Done(3, 35)));
    }

    [Fact]
    public void While_a_count_is_unknown_its_stage_holds_every_step_and_later_stages_have_no_start()
    {
        var plan = new StepPlan(null, null, 0);

        Assert.Equal(7, plan.Done(1, 7));
        Assert.Equal(0, plan.Done(2, 7));
        Assert.Null(plan.Start(2));
        Assert.Null(plan.End(1));
    }
}
