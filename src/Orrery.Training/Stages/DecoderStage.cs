using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Tokenizer;
using Orrery.Training.Optimisation;
using Orrery.Training.Sampling;
using Orrery.Training.Validation;
using static TorchSharp.torch;

namespace Orrery.Training.Stages;

/// <summary>
/// Stage 3: the decoder alone learns to turn the dynamics' own rollouts into the real frames, against a patch critic.
/// The critic's weights and both optimisers (each stepping once per decoder step) save with the train state.
/// </summary>
public sealed class DecoderStage : ITrainingStage
{
    public const string CriticName = "critic.safetensors";
    public const string DecoderOptimizerName = "decoder-optimizer.safetensors";
    public const string CriticOptimizerName = "critic-optimizer.safetensors";

    // GAN practice (DCGAN, VQGAN): a short first-moment memory keeps the two players from chasing stale gradients.
    private const double Beta1 = 0.5;
    private const double Beta2 = 0.9;

    private readonly WorldModelNetwork network;
    private readonly TrainingCorpus train;
    private readonly LatentWindowSource source;
    private readonly PatchDiscriminator critic;
    private readonly AdamW decoderOptimizer;
    private readonly AdamW criticOptimizer;

    public DecoderStage(WorldModelNetwork network, TrainingCorpus train, LatentWindowSource source)
    {
        this.network = network;
        this.train = train;
        this.source = source;
        var weightDecay = network.Config.Train.WeightDecay;
        critic = new PatchDiscriminator(network.Spec.Channels);
        decoderOptimizer = new AdamW(network.DecoderParameters, weightDecay, Beta1, Beta2);
        criticOptimizer = new AdamW(critic.named_parameters().Select(p => (p.name, p.parameter)).ToArray(), weightDecay, Beta1, Beta2);
    }

    public int Number => 3;

    public double PeakLearningRate => network.Config.Train.DecoderLearningRate;

    public string ValidationKey => ValidationPsnr.TeacherForcedKey;

    public long OptimizerSteps => decoderOptimizer.Steps;

    /// <summary>Encodes the latents when this process starts in stage 3 (a resumed run).</summary>
    public void Begin() => source.Latents.Train(network);

    public double EstimateBeginSeconds() => 0;   // the dynamics stage before it has encoded the latents

    /// <summary>
    /// One decoder update: the dynamics rolls random windows out from 1..L-2 real frames as at inference, and the
    /// decoder learns to turn the last two generated latents into their real frames (MSE), with a patch critic's
    /// adversarial term so that what the rollout leaves uncertain is drawn as real texture rather than a blur, while
    /// real latents keep their reconstruction loss. The encoder and the dynamics stay frozen.
    /// </summary>
    public double Step(long step, double lr)
    {
        var compute = source.BeginStep();
        using var scope = NewDisposeScope();
        var tc = network.Config.Train;
        var b = tc.DynamicsBatch;
        var length = source.Length;
        var rng = StepSeed.Random(tc.Seed, 4, step);
        using var gen = new Generator(StepSeed.Of(tc.Seed, 5, step));
        var batch = source.Sample(rng, b);
        var dtype = compute.Head.parameters().First().dtype;
        var z = batch.Latents;                                                                       // (B, L, N, C)
        var rolled = ContextRollout.Run(compute, z.to(dtype), batch.NextActions, b, 1 + rng.Next(length - 2), gen);
        var generated = rolled.narrow(1, length - 2, 2).to(ScalarType.Float32).flatten(0, 1);       // (2B, N, C)
        var real = z.narrow(1, length - 2, 2).flatten(0, 1);                                         // (2B, N, C)
        var target = FrameTensors.FromBytes(TargetFrames(batch.Origins, length), 2 * b, train.Spec); // (2B, C_img, H, W)
        network.train();
        critic.train();
        var fromGenerated = network.Tokenizer.Decode(generated);                                    // (2B, C_img, H, W)
        var criticLoss = Losses.CriticHinge(critic.forward(target), critic.forward(fromGenerated.detach()));
        criticOptimizer.ZeroGrad();
        criticLoss.backward();
        criticOptimizer.Step(lr);
        var loss = Losses.Reconstruction(network.Tokenizer.Decode(real), target, tc.TokenizerMseWeight)
                   + nn.functional.mse_loss(fromGenerated, target)                              // the conditional mean: what PSNR rewards
                   + tc.DecoderAdversarialWeight * Losses.Adversarial(critic.forward(fromGenerated));
        decoderOptimizer.ZeroGrad();
        loss.backward();
        nn.utils.clip_grad_norm_(decoderOptimizer.Parameters, tc.GradClip);
        decoderOptimizer.Step(lr);
        return loss.item<float>();
    }

    /// <summary>The real frames at the last two positions of each sampled window.</summary>
    private byte[] TargetFrames((int Episode, int Start)[] origins, int length)
    {
        var bytes = train.Spec.FrameBytes;
        var frames = new byte[origins.Length * 2 * bytes];
        for (var i = 0; i < origins.Length; i++)
            for (var j = 0; j < 2; j++)
                train.Episodes[origins[i].Episode].Frame(origins[i].Start + length - 2 + j).Span.CopyTo(frames.AsSpan((2 * i + j) * bytes));
        return frames;
    }

    public IReadOnlyList<(string Key, double Value)> Validate() => source.Validate();

    public void Save(string dir)
    {
        SafetensorsFile.Write(Path.Combine(dir, CriticName), critic.state_dict().Select(kv => (kv.Key, kv.Value)));
        decoderOptimizer.Save(Path.Combine(dir, DecoderOptimizerName));
        criticOptimizer.Save(Path.Combine(dir, CriticOptimizerName));
    }

    public void Restore(string dir, long optimizerSteps)
    {
        SafetensorsFile.Load(Path.Combine(dir, CriticName), critic.state_dict().Select(kv => (kv.Key, kv.Value)));
        decoderOptimizer.Load(Path.Combine(dir, DecoderOptimizerName), optimizerSteps);
        criticOptimizer.Load(Path.Combine(dir, CriticOptimizerName), optimizerSteps);
    }

    public void Dispose()
    {
        decoderOptimizer.Dispose();
        criticOptimizer.Dispose();
        critic.Dispose();
    }
}
