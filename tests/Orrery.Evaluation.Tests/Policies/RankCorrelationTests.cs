using Orrery.Evaluation.Policies;

namespace Orrery.Evaluation.Tests.Policies;

public sealed class RankCorrelationTests
{
    [Fact]
    public void Spearman_sees_the_order_and_pearson_the_values()
    {
        double[] truth = [0.0, 0.1, 0.5, 0.9];
        double[] model = [0.2, 0.3, 0.4, 0.95];   // same order, other values

        Assert.Equal(1.0, RankCorrelation.Spearman(truth, model)!.Value, 12);
        Assert.InRange(RankCorrelation.Pearson(truth, model)!.Value, 0.8, 0.999);
        Assert.Equal(-1.0, RankCorrelation.Spearman(truth, model.Reverse().ToArray())!.Value, 12);
    }

    [Fact]
    public void Ties_share_their_mean_rank_and_a_constant_side_has_no_correlation()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4.0], RankCorrelation.Ranks([0.1, 0.3, 0.3, 0.7]));
        Assert.Null(RankCorrelation.Spearman([0.1, 0.2, 0.3], [0.5, 0.5, 0.5]));
    }
}
