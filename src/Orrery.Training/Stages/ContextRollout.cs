using Orrery.Model;
using Orrery.Model.Dynamics;
using Orrery.Model.Memory;
using static TorchSharp.torch;

namespace Orrery.Training.Stages;

/// <summary>The dynamics rolling windows out on its own predictions exactly as at inference, for training on its own rollouts.</summary>
public static class ContextRollout
{
    /// <summary>
    /// The first `rows` sequences keep their first `real` frames and continue with the model's own predictions, made
    /// one frame at a time over a key/value cache of at most K frames (no gradient): (B, L, N, C) -> (B, L, N, C).
    /// With a memory, frame t reads memory frame t of each row (B, L-1, M, ...): what the recorded episode recalls there.
    /// </summary>
    public static Tensor Run(WorldModelNetwork network, Tensor sequence, Tensor nextActions, int rows, int real, Generator gen, MemoryInput? memory = null)
    {
        using var noGrad = no_grad();
        network.eval();
        var config = network.Config.Dynamics;
        var dyn = network.Dynamics;
        var length = (int)sequence.shape[1];
        var past = config.ContextFrames - 1;
        var level = config.InferenceContextNoise;
        var frames = sequence.narrow(0, 0, rows);                                                    // (R, L, N, C)
        var levels = full([rows], level);                                                            // (R)
        using var cache = new KvCache(config.Depth, (int)sequence.shape[2]);                         // (R, H, <=K-1 frames of tokens, hd)
        var generated = new List<Tensor>();
        // a deterministic head ignores its noise; it still draws one value per latent channel, so that runs reproduce
        // bit for bit those made before heads said how much noise they need (maze-v1, maze-v2)
        var width = network.Head.NoiseWidth > 0 ? network.Head.NoiseWidth : (int)sequence.shape[3];
        for (var t = 0; t < length - 1; t++)
        {
            var input = t < real ? frames.select(1, t) : generated[^1];                              // (R, N, C)
            if (level > 0) input = input + level * randn(input.shape, dtype: input.dtype, generator: gen);
            var (features, newKeys, newValues) = dyn.StepFrame(input, nextActions.narrow(0, 0, rows).select(1, t), levels, full([rows], (long)t), cache.AllKeys, cache.AllValues, memory?.Rows(rows).Narrow(t, 1));
            cache.Append(newKeys, newValues, past);
            if (t + 1 >= real) generated.Add(network.Head.Predict(features, randn([features.shape[0], features.shape[1], width], dtype: sequence.dtype, generator: gen)));
        }
        network.train();
        var rolledOut = cat([frames.narrow(1, 0, real), stack(generated, 1)], 1);                    // (R, L, N, C)
        return rows == sequence.shape[0] ? rolledOut : cat([rolledOut, sequence.narrow(0, rows, sequence.shape[0] - rows)], 0);
    }
}
