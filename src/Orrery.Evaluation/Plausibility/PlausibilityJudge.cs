using Orrery.Core.Spaces;
using Orrery.Evaluation.Reports;
using Orrery.Training.Optimisation;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Evaluation.Plausibility;

/// <summary>
/// A classifier two-sample test (Lopez-Paz and Oquab, 2017): a small CNN trained to tell real frames from another kind
/// (a model's, or corrupted real ones), scored on held-out frames with balanced classes. Frames come in groups (one
/// rollout's frames); whole groups are held out, so near-identical neighbouring frames never sit on both sides.
/// </summary>
public sealed class PlausibilityJudge : IDisposable
{
    private readonly JudgeNet net;
    private readonly ObservationSpec spec;

    private PlausibilityJudge(ObservationSpec spec, JudgeOptions options)
    {
        this.spec = spec;
        torch.random.manual_seed(options.Seed);
        net = new JudgeNet(spec.Channels, options.Width);
    }

    /// <summary>Held-out accuracy of telling the two kinds apart.</summary>
    public JudgeScore Score { get; private set; } = new(double.NaN, double.NaN, 0, 0);

    /// <summary>Trains a judge on <paramref name="real"/> against <paramref name="other"/> (each a list of groups) and scores it.</summary>
    public static PlausibilityJudge Train(ObservationSpec spec, IReadOnlyList<byte[][]> real, IReadOnlyList<byte[][]> other, JudgeOptions options)
    {
        var (realTrain, realTest) = Split(real, options.HeldOut);
        var (otherTrain, otherTest) = Split(other, options.HeldOut);
        var trainPerClass = Math.Min(realTrain.Length, otherTrain.Length);
        var testPerClass = Math.Min(realTest.Length, otherTest.Length);
        if (trainPerClass == 0 || testPerClass == 0)
            throw new ArgumentException($"the judge needs frames of both kinds to train and to test (found {realTrain.Length}/{realTest.Length} real, {otherTrain.Length}/{otherTest.Length} other)");

        var judge = new PlausibilityJudge(spec, options);
        // the project's AdamW (no weight decay, Adam's betas): TorchSharp's optim.Adam, stepped inside a dispose scope,
        // failed in a full eval process with a corrupted Scalar in Adam.step (c10 Scalar::toFloat)
        using var optimizer = new AdamW(judge.net.named_parameters().Select(p => (p.name, p.parameter)).ToArray(), weightDecay: 0, beta2: 0.999);
        var rng = new Random(options.Seed);
        var half = Math.Max(1, options.BatchSize / 2);
        // Every training frame goes to libtorch once; a step only picks rows. A fresh managed batch per step made
        // hundreds of large-object allocations, and the garbage collection they forced freed libtorch scalars that
        // calls were still using (a garbage Scalar inside the next operation).
        using var pool = judge.Frames([.. realTrain.Take(trainPerClass), .. otherTrain.Take(trainPerClass)]);   // (2T, H, W, C)
        using var labels = cat([ones(half, ScalarType.Float32), zeros(half, ScalarType.Float32)]);             // (2h)
        var rows = new long[2 * half];
        judge.net.train();
        for (var step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            for (var i = 0; i < half; i++) rows[i] = rng.Next(trainPerClass);
            for (var i = 0; i < half; i++) rows[half + i] = trainPerClass + rng.Next(trainPerClass);
            var batch = pool.index_select(0, tensor(rows));                                                        // (2h, H, W, C)
            optimizer.ZeroGrad();
            var loss = nn.functional.binary_cross_entropy_with_logits(judge.net.forward(batch), labels);
            loss.backward();
            optimizer.Step(options.LearningRate);
        }
        judge.net.eval();

        var realRight = judge.RealProbability(realTest.Take(testPerClass).ToArray()).Count(p => p > 0.5);
        var otherRight = judge.RealProbability(otherTest.Take(testPerClass).ToArray()).Count(p => p <= 0.5);
        var n = 2 * testPerClass;
        var accuracy = (realRight + otherRight) / (double)n;
        // at 0 or 1 the binomial error p(1-p)/n is 0; flooring p(1-p) at 1/(4n) keeps the sample size visible in a perfect score
        judge.Score = new JudgeScore(accuracy, Math.Sqrt(Math.Max(accuracy * (1 - accuracy), 0.25 / n) / n), trainPerClass, testPerClass);
        return judge;
    }

    /// <summary>The judge's probability that each frame is real.</summary>
    public double[] RealProbability(IReadOnlyList<byte[]> frames)
    {
        var result = new double[frames.Count];
        using var mode = inference_mode();
        for (var start = 0; start < frames.Count; start += 256)
        {
            using var scope = NewDisposeScope();
            var chunk = frames.Skip(start).Take(256).ToArray();
            var p = net.forward(Frames(chunk)).sigmoid().to(ScalarType.Float64).data<double>().ToArray();   // (B)
            p.CopyTo(result, start);
        }
        return result;
    }

    // The last groups of each kind are held out: callers order groups by seed, so held-out frames come from other episodes.
    private static (byte[][] Train, byte[][] Test) Split(IReadOnlyList<byte[][]> groups, double heldOut)
    {
        var test = Math.Clamp((int)Math.Ceiling(groups.Count * heldOut), 1, Math.Max(1, groups.Count - 1));
        return (groups.Take(groups.Count - test).SelectMany(g => g).ToArray(), groups.Skip(groups.Count - test).SelectMany(g => g).ToArray());
    }

    private Tensor Frames(IReadOnlyList<byte[]> frames)
    {
        var fb = spec.FrameBytes;
        var bytes = new byte[frames.Count * fb];
        for (var i = 0; i < frames.Count; i++) frames[i].CopyTo(bytes, i * fb);
        return tensor(bytes, [frames.Count, spec.Height, spec.Width, spec.Channels], ScalarType.Byte);   // (B, H, W, C)
    }

    public void Dispose() => net.Dispose();
}
