using Orrery.Evaluation.InverseDynamics;
using Orrery.Evaluation.Tests.TestWorlds;

namespace Orrery.Evaluation.Tests.InverseDynamics;

public class InverseDynamicsModelTests
{
    private static readonly Lazy<(InverseDynamicsModel Model, List<TransitionPair> Test)> Trained = new(() =>
    {
        var env = new ShiftingTexture();
        var pairs = TransitionCollector.Collect([env], 1600, 50, seed: 7);
        var options = new IdmOptions { Epochs = 6, BatchSize = 32, Width = 16, LearningRate = 2e-3 };
        var model = InverseDynamicsModel.Train(env.Spec.Observation, ShiftingTexture.Actions.Count, pairs.Take(1200).ToArray(), options);
        return (model, pairs.Skip(1200).ToList());
    });

    [Fact]
    public void Idm_names_true_actions_well_above_chance()
    {
        var (model, test) = Trained.Value;
        Assert.True(model.Accuracy(test) > 0.5, $"accuracy {model.Accuracy(test):P1} should be far above chance (14.3%)");
    }

    [Fact]
    public void Idm_scored_on_shuffled_actions_is_at_chance()
    {
        var (model, test) = Trained.Value;
        var rng = new Random(3);
        var labels = test.Select(p => p.Action).ToArray();
        rng.Shuffle(labels);
        var shuffled = test.Select((p, i) => p with { Action = labels[i] }).ToArray();
        // 400 pairs, 7 balanced classes: chance is 1/7 = 14.3%, binomial std about 1.8%, so 5 std either side.
        Assert.InRange(model.Accuracy(shuffled), 1.0 / 7 - 0.09, 1.0 / 7 + 0.09);
    }

    [Fact]
    public void Saved_idm_loads_and_predicts_the_same()
    {
        var (model, test) = Trained.Value;
        var dir = Path.Combine(Path.GetTempPath(), $"orrery-idm-{Guid.NewGuid():N}");
        try
        {
            model.Save(dir, new Dictionary<string, object>());
            using var loaded = InverseDynamicsModel.TryLoad(dir);
            Assert.NotNull(loaded);
            Assert.Equal(model.Predict(test), loaded.Predict(test));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Idm_cache_trains_once_and_then_reuses_the_model_and_its_accuracy()
    {
        var root = Path.Combine(Path.GetTempPath(), $"orrery-idm-cache-{Guid.NewGuid():N}");
        var options = new IdmOptions { Pairs = 120, Epochs = 1, Width = 8, EpisodeLength = 40 };
        try
        {
            var first = IdmCache.LoadOrTrain(_ => new ShiftingTexture(), [0], options, root: root);
            first.Model.Dispose();
            var second = IdmCache.LoadOrTrain(_ => new ShiftingTexture(), [0], options, root: root);
            second.Model.Dispose();
            var retrained = IdmCache.LoadOrTrain(_ => new ShiftingTexture(), [0], options with { Seed = 99 }, root: root);
            retrained.Model.Dispose();
            Assert.False(first.Cached);
            Assert.True(second.Cached);
            Assert.Equal(first.Folder, second.Folder);
            Assert.Equal(first.RealAccuracy, second.RealAccuracy);
            Assert.False(retrained.Cached);
            Assert.NotEqual(first.Folder, retrained.Folder);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Mirror_swaps_left_and_right_twins_and_keeps_the_rest()
    {
        Assert.Equal<int[]>([0, 1, 2, 4, 3, 6, 5],
                     InverseDynamicsModel.MirrorOf(["noop", "forward", "back", "turn-left", "turn-right", "strafe-left", "strafe-right"]));
        Assert.Null(InverseDynamicsModel.MirrorOf(["noop", "turn-left"]));
    }
}
