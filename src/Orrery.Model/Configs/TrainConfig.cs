namespace Orrery.Model.Configs;

/// <summary>How the two training stages run: steps, batches, optimiser, validation and the time split.</summary>
public sealed record TrainConfig
{
    /// <summary>Seed for weights, sampling and noise; same seed, data and config give the same weights. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Stage 1 (tokenizer) steps when no time budget is given. Default 1500.</summary>
    public int TokenizerSteps { get; init; } = 1500;

    /// <summary>Stage 2 (dynamics) steps when no time budget is given. Default 3000.</summary>
    public int DynamicsSteps { get; init; } = 3000;

    /// <summary>Frames per tokenizer batch. Default 16.</summary>
    public int TokenizerBatch { get; init; } = 16;

    /// <summary>Windows per dynamics batch (each window is ContextFrames+1 frames). Default 12.</summary>
    public int DynamicsBatch { get; init; } = 12;

    /// <summary>Peak learning rate of stage 1. Default 1e-3.</summary>
    public double TokenizerLearningRate { get; init; } = 1e-3;

    /// <summary>Peak learning rate of stage 2. Default 5e-4.</summary>
    public double DynamicsLearningRate { get; init; } = 5e-4;

    /// <summary>Linear warm-up steps before the cosine decay (per stage). Default 100.</summary>
    public int WarmupSteps { get; init; } = 100;

    /// <summary>Final learning rate as a fraction of the peak. Default 0.05.</summary>
    public double MinLearningRateFraction { get; init; } = 0.05;

    /// <summary>AdamW decoupled weight decay. Default 0.01.</summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Global gradient-norm clip. Default 1.0.</summary>
    public double GradClip { get; init; } = 1.0;

    /// <summary>Weight of the MSE term next to L1 in the tokenizer loss. Default 1.0.</summary>
    public double TokenizerMseWeight { get; init; } = 1.0;

    /// <summary>Episodes held out for validation when no --val dataset is given (the last ones). Default 1.</summary>
    public int ValidationEpisodes { get; init; } = 1;

    /// <summary>Validate every this many steps (and at each stage's end). Default 250.</summary>
    public int ValidateEvery { get; init; } = 250;

    /// <summary>Save the resumable train state every this many steps. Default 250.</summary>
    public int SaveEvery { get; init; } = 250;

    /// <summary>Share of a --minutes budget given to stage 1; the rest goes to stage 2; 0 skips stage 1 (fine-tuning). Default 0.35.</summary>
    public double TokenizerTimeShare { get; init; } = 0.35;

    /// <summary>
    /// Share of each dynamics batch whose context is the model's own rollout (scheduled sampling): the first 1..K-1
    /// frames are real, the rest generated without gradient, and every target stays the real next frame, so the model
    /// learns to correct its own drift and blur. Costs about one extra forward pass. Default 0 (off).
    /// </summary>
    public double RolloutFraction { get; init; }

    /// <summary>
    /// Frames a scheduled-sampling rollout runs past the window: with E > 0 it starts from a window of K+1+E frames,
    /// keeps the first 1..K+E-1 real and generates the rest over a sliding key/value cache as at inference, and the
    /// model trains on the last K frames, so some of its contexts hold no real frame at all (as every context does
    /// once an inference rollout is K frames past its real ones). Costs E more generated frames. Default 0.
    /// </summary>
    public int RolloutExtraFrames { get; init; }

    /// <summary>
    /// Stage 3 steps: after the dynamics, the decoder alone is fine-tuned on the dynamics' own rollouts (see
    /// Trainer.DecoderStep). Always this fixed count, also under a --minutes budget, which covers stages 1 and 2.
    /// Default 0 (no stage 3).
    /// </summary>
    public int DecoderSteps { get; init; }

    /// <summary>Peak learning rate of stage 3, for the decoder and its patch critic. Default 1e-4.</summary>
    public double DecoderLearningRate { get; init; } = 1e-4;

    /// <summary>
    /// Weight of the patch critic's adversarial term in the stage 3 decoder loss; 0 leaves the pixel losses alone.
    /// Larger weights draw sharper rollouts and cost PSNR (the maze-v1 card measures 0 to 0.1). Default 0.002.
    /// </summary>
    public double DecoderAdversarialWeight { get; init; } = 0.002;

    /// <summary>
    /// Weight of each stream head's MSE (in the field's standard units) against the recorded stream of the target frame,
    /// and of the memory key head's. The gradient reaches the trunk too, so a stream changes how frames are predicted:
    /// the state a robot's success depends on must be carried by the features. 0 trains no stream head. Default 1.
    /// </summary>
    public double StreamLossWeight { get; init; } = 1;

    /// <summary>
    /// fp32 or bf16: the precision the dynamics stage computes in. With bf16 the forward and backward passes run on
    /// a bf16 copy of the trunk and head (about 1.8x faster on CPUs with AVX512-BF16 or AMX) while the weights, the
    /// gradients handed to AdamW and its moments stay fp32. The tokenizer stage is always fp32. Default fp32.
    /// </summary>
    public NumericPrecision DynamicsPrecision { get; init; } = NumericPrecision.Fp32;
}
