using Orrery.Data.Sampling;
using Orrery.Model;
using Orrery.Training.Optimisation;
using Orrery.Training.Sampling;
using Orrery.Training.Validation;
using static TorchSharp.torch;

namespace Orrery.Training.Stages;

/// <summary>Stage 1: the tokenizer (encoder and decoder) learns to reconstruct random single frames.</summary>
public sealed class TokenizerStage : ITrainingStage
{
    public const string OptimizerName = "tokenizer-optimizer.safetensors";

    private readonly WorldModelNetwork network;
    private readonly TrainingCorpus train;
    private readonly TrainingCorpus validation;
    private readonly WindowSampler frames;
    private readonly AdamW optimizer;

    public TokenizerStage(WorldModelNetwork network, TrainingCorpus train, TrainingCorpus validation)
    {
        this.network = network;
        this.train = train;
        this.validation = validation;
        frames = train.Windows(1);
        optimizer = new AdamW(network.TokenizerParameters, network.Config.Train.WeightDecay);
    }

    public int Number => 1;

    public double PeakLearningRate => network.Config.Train.TokenizerLearningRate;

    public string ValidationKey => ValidationPsnr.ReconstructionKey;

    public long OptimizerSteps => optimizer.Steps;

    public void Begin()
    {
    }

    public double EstimateBeginSeconds() => 0;

    /// <summary>One update on a batch of random frames.</summary>
    public double Step(long step, double lr)
    {
        using var scope = NewDisposeScope();
        var tc = network.Config.Train;
        var rng = StepSeed.Random(tc.Seed, 1, step);
        var spec = train.Spec;
        var batch = new byte[tc.TokenizerBatch * spec.FrameBytes];
        for (var i = 0; i < tc.TokenizerBatch; i++)
        {
            var (e, t) = frames.Sample(rng);
            train.Episodes[e].Frame(t).Span.CopyTo(batch.AsSpan(i * spec.FrameBytes));
        }
        network.train();
        var x = FrameTensors.FromBytes(batch, tc.TokenizerBatch, spec);                             // (B, C, H, W)
        var loss = Losses.Reconstruction(network.Tokenizer.forward(x), x, tc.TokenizerMseWeight);
        optimizer.ZeroGrad();
        loss.backward();
        nn.utils.clip_grad_norm_(optimizer.Parameters, tc.GradClip);
        optimizer.Step(lr);
        return loss.item<float>();
    }

    public IReadOnlyList<(string Key, double Value)> Validate() => [(ValidationKey, ValidationPsnr.Reconstruction(network, validation))];

    public void Save(string dir) => optimizer.Save(Path.Combine(dir, OptimizerName));

    public void Restore(string dir, long optimizerSteps) => optimizer.Load(Path.Combine(dir, OptimizerName), optimizerSteps);

    public void Dispose() => optimizer.Dispose();
}
