using Orrery.Core.Spaces;
using Orrery.Model;
using Orrery.Model.Dynamics;
using Orrery.Model.Metrics;
using Orrery.Training.Sampling;
using static TorchSharp.torch;

namespace Orrery.Training.Validation;

/// <summary>The PSNRs a run validates with, on frames and windows spread evenly over the validation episodes.</summary>
public static class ValidationPsnr
{
    public const string ReconstructionKey = "val_recon_psnr";
    public const string TeacherForcedKey = "val_tf_psnr";
    public const string CopyLastKey = "val_copy_psnr";

    /// <summary>Mean reconstruction PSNR of the tokenizer over up to 32 frames.</summary>
    public static double Reconstruction(WorldModelNetwork network, TrainingCorpus validation)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var spec = validation.Spec;
        var positions = validation.Windows(1);
        var n = (int)Math.Min(32, positions.Count);
        var frames = new byte[n * spec.FrameBytes];
        for (var i = 0; i < n; i++)
        {
            var (e, t) = positions.Spread(i, n);
            validation.Episodes[e].Frame(t).Span.CopyTo(frames.AsSpan(i * spec.FrameBytes));
        }
        var recon = FrameTensors.ToBytes(network.Tokenizer.forward(FrameTensors.FromBytes(frames, n, spec)));
        return Enumerable.Range(0, n).Average(i => Psnr.Compute(recon[i], frames.AsSpan(i * spec.FrameBytes, spec.FrameBytes)));
    }

    /// <summary>The next-frame PSNRs as metrics named for metrics.jsonl and the manifest.</summary>
    public static IReadOnlyList<(string Key, double Value)> NextFrameMetrics(WorldModelNetwork network, TrainingCorpus validation, IReadOnlyList<Tensor> latents, MemoryIndex? memory = null)
    {
        var (tf, copy) = NextFrame(network, validation, latents, memory);
        return [(TeacherForcedKey, tf), (CopyLastKey, copy)];
    }

    /// <summary>
    /// Teacher-forced next-frame PSNR (decoded prediction vs real) and the copy-last-frame baseline, on up to 8
    /// windows of K frames whose next frame exists; NaN for both when no episode has one. With a memory index, each
    /// frame recalls what a rollout's memory would hold.
    /// </summary>
    public static (double TeacherForced, double CopyLast) NextFrame(WorldModelNetwork network, TrainingCorpus validation, IReadOnlyList<Tensor> latents, MemoryIndex? memory = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var config = network.Config;
        var k = config.Dynamics.ContextFrames;
        var positions = validation.Windows(k + 1);
        if (positions.Count == 0) return (double.NaN, double.NaN);
        var count = (int)Math.Min(8, positions.Count);
        var windows = new List<Tensor>();
        var actions = new ActionVector[count * k];
        var truth = new List<(int Episode, int Start)>();
        for (var i = 0; i < count; i++)
        {
            var (e, s) = positions.Spread(i, count);
            windows.Add(latents[e].narrow(0, s, k));                                                  // (K, N, C)
            ModelActions.FillNext(validation.Episodes[e].Actions, s, actions.AsSpan(i * k, k - 1));
            actions[i * k + k - 1] = ActionVector.Unknown;                                            // no target after the last frame
            truth.Add((e, s));
        }
        using var gen = new Generator(12345);
        var level = config.Dynamics.InferenceContextNoise;
        var z = stack(windows, 0);                                                                   // (B, K, N, C)
        var levels = full([count, k], level);
        if (level > 0) z = z + level * randn(z.shape, generator: gen);
        var actionTensor = ActionTensors.Of(actions, validation.World.Actions, [count, k]);         // (B, K) or (B, K, A)
        var recalled = memory?.Recall(network, latents, truth, actionTensor, 0, k);
        var features = network.Dynamics.Forward(z, actionTensor, levels, memory: recalled)
            .narrow(1, 0, k - 1).reshape(count * (k - 1), network.Dynamics.Tokens, -1);              // (B*(K-1), N, D)
        var noise = randn([features.shape[0], features.shape[1], network.Head.NoiseWidth], generator: gen);
        var predicted = FrameTensors.ToBytes(network.Tokenizer.Decode(network.Head.Predict(features, noise)));
        double tf = 0, copy = 0;
        for (var i = 0; i < count; i++)
        {
            var ep = validation.Episodes[truth[i].Episode];
            for (var t = 0; t < k - 1; t++)
            {
                var next = ep.Frame(truth[i].Start + t + 1).Span;
                tf += Psnr.Compute(predicted[i * (k - 1) + t], next);
                copy += Psnr.Compute(ep.Frame(truth[i].Start + t).Span, next);
            }
        }
        var pairs = count * (k - 1.0);
        return (tf / pairs, copy / pairs);
    }
}
