using Orrery.Model;
using Orrery.Training.Optimisation;
using Orrery.Training.Sampling;
using Orrery.Training.Validation;
using static TorchSharp.torch;

namespace Orrery.Training.Stages;

/// <summary>
/// Stage 2: the dynamics (trunk and head) learns the next latent from K noisy context latents and actions, on
/// windows of cached latents, optionally part of each batch on its own rollouts (scheduled sampling).
/// </summary>
public sealed class DynamicsStage : ITrainingStage
{
    public const string OptimizerName = "dynamics-optimizer.safetensors";

    private readonly WorldModelNetwork network;
    private readonly LatentWindowSource source;
    private readonly AdamW optimizer;

    public DynamicsStage(WorldModelNetwork network, LatentWindowSource source)
    {
        this.network = network;
        this.source = source;
        optimizer = new AdamW(network.DynamicsParameters, network.Config.Train.WeightDecay);
    }

    public int Number => 2;

    public double PeakLearningRate => network.Config.Train.DynamicsLearningRate;

    public string ValidationKey => ValidationPsnr.TeacherForcedKey;

    public long OptimizerSteps => optimizer.Steps;

    /// <summary>Encodes every frame with the tokenizer stage 1 left behind.</summary>
    public void Begin() => source.Latents.Encode(network);

    public double EstimateBeginSeconds() => source.Latents.EstimateSeconds(network);

    /// <summary>One update on random latent windows of K+1+E frames.</summary>
    public double Step(long step, double lr)
    {
        var compute = source.BeginStep();
        using var scope = NewDisposeScope();
        var config = network.Config;
        var tc = config.Train;
        var k = config.Dynamics.ContextFrames;
        var b = tc.DynamicsBatch;
        var extra = tc.RolloutExtraFrames;
        var rng = StepSeed.Random(tc.Seed, 2, step);
        using var gen = new Generator(StepSeed.Of(tc.Seed, 3, step));
        var batch = source.Sample(rng, b);
        var dtype = compute.Head.parameters().First().dtype;
        compute.train();
        var z = batch.Latents;                                                                       // (B, K+1+E, N, C)
        var levels = rand([b, k], generator: gen) * config.Dynamics.MaxContextNoise;                  // (B, K)
        var sequence = z.narrow(1, 0, k + extra);                                                    // (B, K+E, N, C)
        var allActions = batch.NextActions;                                                          // (B, K+E)
        var memory = source.Recall(compute, batch, 0, k + extra)?.To(dtype);                                 // (B, K+E, M, N, C)
        var rolled = (int)Math.Round(b * tc.RolloutFraction);
        if (rolled > 0) sequence = ContextRollout.Run(compute, sequence.to(dtype), allActions, rolled, 1 + rng.Next(k + extra - 1), gen, memory).to(ScalarType.Float32);
        var context = sequence.narrow(1, extra, k);                                                  // (B, K, N, C)
        var actions = allActions.narrow(1, extra, k);                                                // (B, K)
        context = context + levels.view(b, k, 1, 1) * randn(context.shape, generator: gen);          // context noise: GameNGen sec. 3.2
        var features = compute.Dynamics.Forward(context.to(dtype), actions, levels.to(dtype), memory: memory?.Narrow(extra, k));   // (B, K, N, D)
        var loss = compute.Head.Loss(features, z.narrow(1, extra + 1, k).to(dtype), gen).to(ScalarType.Float32)
                   + tc.StreamLossWeight * (StreamLoss(compute, features, batch, extra + 1, k) + MemoryKeyLoss(compute, features, actions, batch, extra, k));
        optimizer.ZeroGrad();
        compute.zero_grad();
        loss.backward();
        source.HandGradients();
        nn.utils.clip_grad_norm_(optimizer.Parameters, tc.GradClip);
        optimizer.Step(lr);
        return loss.item<float>();
    }

    /// <summary>
    /// Sum over the stream heads of the MSE to the target frames' recorded streams, in each field's standard units (so
    /// a position of centimetres weighs as much as a velocity of rad/s). The trunk learns from it too: the state it
    /// must carry (where the block is) is the state a policy and a success judgement read.
    /// </summary>
    private Tensor StreamLoss(WorldModelNetwork compute, Tensor features, LatentWindowBatch batch, int from, int k)
    {
        var loss = zeros(1);
        foreach (var (name, head) in compute.StreamHeads)
        {
            var predicted = head.Standardised(features).to(ScalarType.Float32);                     // (B, K, S)
            loss = loss + nn.functional.mse_loss(predicted, head.Standardise(batch.StreamRows(source.Train, name, from, k)));
        }
        return loss.squeeze();
    }

    /// <summary>
    /// The memory key head's MSE on each context frame's change of key to its target frame's, in the head's standard
    /// units, both as predicted from the features and as anticipated from key and action (zero without a memory).
    /// Trained on recorded keys; at inference the head's own predictions key the memory.
    /// </summary>
    private Tensor MemoryKeyLoss(WorldModelNetwork compute, Tensor features, Tensor actions, LatentWindowBatch batch, int from, int k)
    {
        if (compute.MemoryKeyHead is not { } head) return zeros(1).squeeze();
        var name = compute.Config.Dynamics.MemoryStream!;
        var now = batch.StreamRows(source.Train, name, from, k);                                    // (B, K, S)
        var change = head.StandardiseChange(batch.StreamRows(source.Train, name, from + 1, k) - now);   // (B, K, S)
        var predicted = head.StandardisedChange(features, now).to(ScalarType.Float32);
        var anticipated = head.StandardisedAnticipation(now, compute.Dynamics.ActionFeatures(actions)).to(ScalarType.Float32);
        return nn.functional.mse_loss(predicted, change) + nn.functional.mse_loss(anticipated, change);
    }

    public IReadOnlyList<(string Key, double Value)> Validate() => source.Validate();

    public void Save(string dir) => optimizer.Save(Path.Combine(dir, OptimizerName));

    public void Restore(string dir, long optimizerSteps) => optimizer.Load(Path.Combine(dir, OptimizerName), optimizerSteps);

    public void Dispose() => optimizer.Dispose();
}
