using Orrery.Training.Optimisation;

namespace Orrery.Training.Tests.Optimisation;

public class LearningRateScheduleTests
{
    [Fact]
    public void Learning_rate_warms_up_then_decays_to_the_floor()
    {
        Assert.Equal(0.1, LearningRateSchedule.At(0, 100, 1.0, 10, 0.05), 9);
        Assert.Equal(1.0, LearningRateSchedule.At(10, 100, 1.0, 10, 0.05), 9);
        Assert.Equal(0.05, LearningRateSchedule.At(100, 100, 1.0, 10, 0.05), 9);
    }
}
