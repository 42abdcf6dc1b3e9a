using System.Diagnostics;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Core.Versioning;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Model.Metrics;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Model.Training;

/// <summary>
/// Trains a world model in two stages: (1) the tokenizer on random frames; (2) with every frame encoded once to
/// latents, the dynamics on latent windows with context-noise augmentation. Every random draw is a pure function of
/// (seed, step), so a resumed run equals a straight one bit for bit.
/// </summary>
public sealed class Trainer : IDisposable
{
    public const string CheckpointFolder = "checkpoint";
    public const string StateFolder = "train-state";
    public const string MetricsFile = "metrics.jsonl";

    // A time budget is turned into step counts from the speed measured over steps 10..30 of each stage (the first
    // steps are slow while libtorch warms up); the warm-up of the learning rate (>= 30 steps) does not depend on them.
    private const int CalibrationStart = 10;
    private const int CalibrationEnd = 30;

    private readonly TrainingCorpus train;
    private readonly TrainingCorpus validation;
    private readonly string runDir;
    private readonly TrainOptions options;
    private readonly long[] trainCumulativeFrames;
    private readonly Dictionary<string, double> latestValidation = [];
    private ModelConfig config;
    private Tensor[]? trainLatents;
    private Tensor[]? validationLatents;
    private WorldModelNetwork? lowPrecision;   // bf16 copy for train.dynamicsPrecision=bf16, refreshed from the fp32 weights every step

    public Trainer(ModelConfig config, TrainingCorpus train, TrainingCorpus? validation, string runDir, TrainOptions? options = null)
    {
        this.config = config with { Dynamics = config.Dynamics with { StreamHeads = config.Dynamics.StreamHeads ?? [] } };   // stream heads are not trained yet: predict none
        this.train = train;
        this.validation = validation ?? train;
        this.runDir = runDir;
        this.options = options ?? new TrainOptions();
        if (validation is not null && (validation.Spec != train.Spec || !validation.ActionNames.SequenceEqual(train.ActionNames)))
            throw new OrreryException($"validation data has {validation.Spec} frames and actions [{string.Join(", ", validation.ActionNames)}], training data {train.Spec} and [{string.Join(", ", train.ActionNames)}]");
        trainCumulativeFrames = Cumulative(train.Episodes.Select(e => (long)e.Length));
        if (trainCumulativeFrames[^1] == 0) throw new OrreryException("the training data has no frames");
    }

    /// <summary>The network being trained (available after Run starts; the final weights after it returns).</summary>
    public WorldModelNetwork? Network { get; private set; }

    public ModelConfig Config => config;

    /// <summary>Fails before any training when no episode is long enough for one dynamics window.</summary>
    public static void RequireDynamicsWindow(ModelConfig config, TrainingCorpus corpus)
    {
        var length = DynamicsWindow(config);
        if (corpus.Episodes.All(e => e.Length < length))
            throw new OrreryException($"no episode has {length} frames for a dynamics window (dynamics.contextFrames + 1 + train.rolloutExtraFrames); use a shorter context, fewer extra rollout frames or longer episodes");
    }

    private static int DynamicsWindow(ModelConfig config) => config.Dynamics.ContextFrames + 1 + config.Train.RolloutExtraFrames;

    public TrainResult Run()
    {
        set_num_threads(Math.Max(1, options.Threads));
        var statePath = Path.Combine(runDir, StateFolder);
        TrainState? resumed = null;
        if (options.Resume)
        {
            resumed = TrainState.Read(statePath);
            if (!resumed.DatasetFingerprints.SequenceEqual(train.Fingerprints))
                throw new OrreryException($"{statePath}: the run was trained on datasets [{string.Join(", ", resumed.DatasetFingerprints)}], now given [{string.Join(", ", train.Fingerprints)}]");
            config = resumed.Config;
        }
        RequireDynamicsWindow(config, train);
        var tc = config.Train;
        manual_seed(tc.Seed);
        var network = new WorldModelNetwork(config, train.World);
        Network = network;
        var initializedFrom = resumed is not null ? resumed.InitializedFromSha256 : options.InitFrom is { } init ? InitializeFrom(network, init) : null;
        using var tokenizerOpt = new AdamW(network.TokenizerParameters, tc.WeightDecay);
        using var dynamicsOpt = new AdamW(network.DynamicsParameters, tc.WeightDecay);
        using var decoderStage = tc.DecoderSteps > 0 ? new DecoderStage(network, tc.WeightDecay) : null;
        long step = 0, s1, s2, s3 = tc.DecoderSteps;
        double elapsedBefore = 0;
        var budget = options.Budget?.TotalSeconds;
        if (resumed is not null)
        {
            resumed.Restore(statePath, network, tokenizerOpt, dynamicsOpt, decoderStage);
            (step, s1, s2, elapsedBefore, budget) = (resumed.Step, resumed.TokenizerSteps, resumed.DynamicsSteps, resumed.ElapsedSeconds, resumed.BudgetSeconds ?? budget);
            foreach (var kv in resumed.Validation) latestValidation[kv.Key] = kv.Value;
            if (options.Budget is { } more && step >= s1 + s2)
            {
                if (s3 > 0) throw new OrreryException($"{statePath}: the run ended with a decoder stage (train.decoderSteps), so its dynamics cannot be trained longer; start a new run with --from");
                // A finished run resumed with a time budget trains the dynamics that much longer; the cosine
                // schedule restarts from where the longer plan places the current step (a warm restart).
                budget = elapsedBefore + more.TotalSeconds;
                s2 = -1;
            }
        }
        else if (options.TotalSteps is { } total)
        {
            s1 = tc.TokenizerTimeShare == 0 ? 0 : Math.Max(1, (long)Math.Round(total * tc.TokenizerTimeShare));
            s2 = Math.Max(1, total - s1);
        }
        else if (budget is not null) (s1, s2) = (tc.TokenizerTimeShare == 0 ? 0 : -1, -1);
        else (s1, s2) = (tc.TokenizerSteps, tc.DynamicsSteps);

        using var metrics = new MetricsLog(options.WriteMetrics ? Path.Combine(runDir, MetricsFile) : null);
        var clock = Stopwatch.StartNew();
        double Elapsed() => elapsedBefore + clock.Elapsed.TotalSeconds;
        var stageClock = Stopwatch.StartNew();
        long stageStartStep = step;
        var firstStep = step;
        double calibration = 0;

        TrainState Snapshot() => new()
        {
            Step = step, TokenizerSteps = s1, DynamicsSteps = s2, ElapsedSeconds = Elapsed(), BudgetSeconds = budget,
            TokenizerOptimizerSteps = tokenizerOpt.Steps, DynamicsOptimizerSteps = dynamicsOpt.Steps, DecoderOptimizerSteps = decoderStage?.DecoderOptimizer.Steps ?? 0,
            Config = config, DatasetFingerprints = train.Fingerprints, Validation = new Dictionary<string, double>(latestValidation),
            InitializedFromSha256 = initializedFrom,
        };

        TrainResult Finish(bool completed)
        {
            Snapshot().Save(statePath, network, tokenizerOpt, dynamicsOpt, decoderStage);
            metrics.Flush();
            var manifest = new CheckpointManifest
            {
                Config = config, World = train.World, DatasetFingerprints = train.Fingerprints, InitializedFromSha256 = initializedFrom,
                CodeVersion = CodeVersion.GitCommit, TokenizerSteps = Math.Min(step, Math.Max(s1, 0)), DynamicsSteps = Math.Max(0, Math.Min(step, DynamicsEnd()) - Math.Max(s1, 0)),
                DecoderSteps = Math.Max(0, step - DynamicsEnd()),
                WallTimeSeconds = Math.Round(Elapsed(), 1), Validation = new Dictionary<string, double>(latestValidation), CreatedUtc = DateTime.UtcNow,
            };
            var dir = Path.Combine(runDir, CheckpointFolder);
            manifest = Checkpoint.Save(dir, network, manifest);
            return new TrainResult(dir, manifest, completed, step);
        }

        long DynamicsEnd() => s2 < 0 ? step : s1 + s2;

        void RecordDynamicsValidation(int stage)
        {
            var (tf, copy) = ValidateDynamics(network);
            latestValidation["val_tf_psnr"] = tf;
            latestValidation["val_copy_psnr"] = copy;
            metrics.Write([("stage", stage), ("step", step), ("val_tf_psnr", tf), ("val_copy_psnr", copy)]);
        }

        bool ShouldStop() => options.Cancel.IsCancellationRequested || (options.StopAfterStep is { } stop && step >= stop);

        void Report(int stage, double loss, long stageTotal, string valKey)
        {
            var rate = (step - stageStartStep) / Math.Max(stageClock.Elapsed.TotalSeconds, 1e-9);
            options.Progress?.Invoke(new TrainProgress(stage, step, stageTotal < 0 ? step + 1 : stageTotal, loss, rate,
                latestValidation.TryGetValue(valKey, out var v) ? v : null, firstStep));
        }

        // Stage 1: tokenizer.
        while (s1 < 0 || step < s1)
        {
            if (ShouldStop()) return Finish(false);
            var lr = LearningRateSchedule.At(step, Math.Max(s1, tc.WarmupSteps + 1), tc.TokenizerLearningRate, tc.WarmupSteps, tc.MinLearningRateFraction);
            var loss = TokenizerStep(network, tokenizerOpt, step, lr);
            step++;
            if (s1 < 0 && step - stageStartStep == CalibrationStart) calibration = stageClock.Elapsed.TotalSeconds;
            if (s1 < 0 && step - stageStartStep == CalibrationEnd)
            {
                var rate = (CalibrationEnd - CalibrationStart) / Math.Max(stageClock.Elapsed.TotalSeconds - calibration, 1e-9);
                s1 = Math.Max(step, (long)(rate * (budget!.Value * tc.TokenizerTimeShare - Elapsed()) + step));
            }
            if (budget is { } b1 && s1 > step && Elapsed() > b1 * tc.TokenizerTimeShare * 1.1) s1 = step;   // the machine got slower: move on
            metrics.Write([("stage", 1), ("step", step), ("loss", loss), ("lr", lr)]);
            if (step % tc.ValidateEvery == 0 || step == s1)
            {
                latestValidation["val_recon_psnr"] = ValidateTokenizer(network);
                metrics.Write([("stage", 1), ("step", step), ("val_recon_psnr", latestValidation["val_recon_psnr"])]);
            }
            Report(1, loss, s1, "val_recon_psnr");
            if (step % tc.SaveEvery == 0) Snapshot().Save(statePath, network, tokenizerOpt, dynamicsOpt, decoderStage);
        }

        // Stage 2: dynamics on cached latents.
        EncodeLatents(network);
        stageClock.Restart();
        stageStartStep = step;
        while (s2 < 0 || step < s1 + s2)
        {
            if (ShouldStop()) return Finish(false);
            var local = step - s1;
            var lr = LearningRateSchedule.At(local, Math.Max(s2, tc.WarmupSteps + 1), tc.DynamicsLearningRate, tc.WarmupSteps, tc.MinLearningRateFraction);
            var loss = DynamicsStep(network, dynamicsOpt, step, lr);
            step++;
            if (s2 < 0 && step - stageStartStep == CalibrationStart) calibration = stageClock.Elapsed.TotalSeconds;
            if (s2 < 0 && step - stageStartStep == CalibrationEnd)
            {
                var rate = (CalibrationEnd - CalibrationStart) / Math.Max(stageClock.Elapsed.TotalSeconds - calibration, 1e-9);
                var remaining = budget!.Value * 0.97 - Elapsed();   // keep ~3% for the final validation and saving
                s2 = Math.Max(step - s1, (long)(rate * remaining) + (step - s1));
            }
            if (budget is { } b2 && s1 + s2 > step && Elapsed() > b2 * 0.99) s2 = step - s1;   // out of time: finish now
            metrics.Write([("stage", 2), ("step", step), ("loss", loss), ("lr", lr)]);
            if ((step - s1) % tc.ValidateEvery == 0 || step == s1 + s2)
                RecordDynamicsValidation(2);
            Report(2, loss, s2 < 0 ? -1 : s1 + s2, "val_tf_psnr");
            if (step % tc.SaveEvery == 0) Snapshot().Save(statePath, network, tokenizerOpt, dynamicsOpt, decoderStage);
        }

        // Stage 3: the decoder on the dynamics' own rollouts.
        stageClock.Restart();
        stageStartStep = step;
        while (step < s1 + s2 + s3)
        {
            if (ShouldStop()) return Finish(false);
            var local = step - s1 - s2;
            var lr = LearningRateSchedule.At(local, Math.Max(s3, tc.WarmupSteps + 1), tc.DecoderLearningRate, tc.WarmupSteps, tc.MinLearningRateFraction);
            var loss = DecoderStep(network, decoderStage!, step, lr);
            step++;
            metrics.Write([("stage", 3), ("step", step), ("loss", loss), ("lr", lr)]);
            if ((step - s1 - s2) % tc.ValidateEvery == 0 || step == s1 + s2 + s3)
                RecordDynamicsValidation(3);
            Report(3, loss, s1 + s2 + s3, "val_tf_psnr");
            if (step % tc.SaveEvery == 0) Snapshot().Save(statePath, network, tokenizerOpt, dynamicsOpt, decoderStage);
        }
        return Finish(true);
    }

    /// <summary>Deterministic per-step seed (SplitMix64 finaliser of seed, stream and step).</summary>
    public static ulong StepSeed(int seed, int stream, long step)
    {
        var z = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)stream * 0xBF58476D1CE4E5B9UL ^ (ulong)step * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Loads a checkpoint's verified weights into the new network; returns their sha256 for the manifest. A run that
    /// changes dynamics.head keeps the parent's tokenizer and trunk and starts its head from fresh weights.
    /// </summary>
    private string InitializeFrom(WorldModelNetwork network, string checkpointDir)
    {
        var parent = Checkpoint.ReadManifest(checkpointDir);
        if (parent.Observation != train.Spec || !Equals(parent.World.Actions, train.World.Actions))
            throw new OrreryException($"{checkpointDir}: the model takes {parent.Observation} frames and actions [{string.Join(", ", parent.World.Actions?.Names ?? [])}], the data has {train.Spec} and [{string.Join(", ", train.ActionNames)}]");
        Checkpoint.LoadWeights(checkpointDir, parent, network, SwapsHead(parent.Config, config) ? WorldModelNetwork.HeadPrefix : null);
        return parent.WeightsSha256;
    }

    /// <summary>Whether a fine-tune from `parent` into `child` replaces the prediction head (regression vs flow).</summary>
    public static bool SwapsHead(ModelConfig parent, ModelConfig child) => parent.Dynamics.Head != child.Dynamics.Head;

    /// <summary>One tokenizer update on a batch of random frames; returns the loss.</summary>
    public double TokenizerStep(WorldModelNetwork network, AdamW optimizer, long step, double lr)
    {
        using var scope = NewDisposeScope();
        var tc = config.Train;
        var rng = new Random((int)(StepSeed(tc.Seed, 1, step) & 0x7FFFFFFF));
        var spec = train.Spec;
        var batch = new byte[tc.TokenizerBatch * spec.FrameBytes];
        for (var i = 0; i < tc.TokenizerBatch; i++)
        {
            var (e, t) = Locate(trainCumulativeFrames, rng.NextInt64(trainCumulativeFrames[^1]));
            train.Episodes[e].Frame((int)t).Span.CopyTo(batch.AsSpan(i * spec.FrameBytes));
        }
        network.train();
        var x = FrameTensors.FromBytes(batch, tc.TokenizerBatch, spec);                 // (B, C, H, W)
        var loss = Losses.Reconstruction(network.Tokenizer.forward(x), x, tc.TokenizerMseWeight);
        optimizer.ZeroGrad();
        loss.backward();
        nn.utils.clip_grad_norm_(optimizer.Parameters, tc.GradClip);
        optimizer.Step(lr);
        return loss.item<float>();
    }

    /// <summary>Encodes every training and validation frame once (stage 2 then needs no convolutions).</summary>
    public void EncodeLatents(WorldModelNetwork network)
    {
        DisposeLatents();
        trainLatents = Encode(network, train);
        validationLatents = ReferenceEquals(validation, train) ? trainLatents : Encode(network, validation);
    }

    private static Tensor[] Encode(WorldModelNetwork network, TrainingCorpus corpus)
    {
        network.eval();
        using var noGrad = no_grad();
        var result = new Tensor[corpus.Episodes.Count];
        for (var e = 0; e < corpus.Episodes.Count; e++)
        {
            using var scope = NewDisposeScope();
            var ep = corpus.Episodes[e];
            var chunks = new List<Tensor>();
            for (var start = 0; start < ep.Length; start += 64)
            {
                var n = Math.Min(64, ep.Length - start);
                var bytes = ep.Frames.AsSpan(start * corpus.Spec.FrameBytes, n * corpus.Spec.FrameBytes).ToArray();
                chunks.Add(network.Tokenizer.Encode(FrameTensors.FromBytes(bytes, n, corpus.Spec)));   // (n, N, C)
            }
            result[e] = cat(chunks, 0).MoveToOuterDisposeScope();                                       // (T, N, C)
            result[e].DetachFromDisposeScope();
        }
        return result;
    }

    /// <summary>One dynamics update on random latent windows of K+1 frames; returns the loss.</summary>
    public double DynamicsStep(WorldModelNetwork network, AdamW optimizer, long step, double lr)
    {
        var (compute, stepScope) = BeginRolloutStep(network);
        using var scope = stepScope;
        var tc = config.Train;
        var k = config.Dynamics.ContextFrames;
        var b = tc.DynamicsBatch;
        var rng = new Random((int)(StepSeed(tc.Seed, 2, step) & 0x7FFFFFFF));
        using var gen = new Generator(StepSeed(tc.Seed, 3, step));
        var extra = tc.RolloutExtraFrames;
        var (windows, nextActions, _) = SampleWindows(train, trainLatents!, rng, b, DynamicsWindow(config));
        var dtype = compute.Head.parameters().First().dtype;
        compute.train();
        var z = stack(windows, 0);                                                                   // (B, K+1+E, N, C)
        var levels = rand([b, k], generator: gen) * config.Dynamics.MaxContextNoise;                  // (B, K)
        var sequence = z.narrow(1, 0, k + extra);                                                    // (B, K+E, N, C)
        var allActions = ActionTensors.Of(nextActions, train.World.Actions, [b, k + extra]);          // (B, K+E) or (B, K+E, A)
        var rolled = (int)Math.Round(b * tc.RolloutFraction);
        if (rolled > 0) sequence = RolloutContext(compute, sequence.to(dtype), allActions, rolled, 1 + rng.Next(k + extra - 1), gen).to(ScalarType.Float32);
        var context = sequence.narrow(1, extra, k);                                                  // (B, K, N, C)
        var actions = allActions.narrow(1, extra, k);                                                // (B, K)
        context = context + levels.view(b, k, 1, 1) * randn(context.shape, generator: gen);          // context noise: GameNGen sec. 3.2
        var features = compute.Dynamics.Forward(context.to(dtype), actions, levels.to(dtype));       // (B, K, N, D)
        var loss = compute.Head.Loss(features, z.narrow(1, extra + 1, k).to(dtype), gen).to(ScalarType.Float32);
        optimizer.ZeroGrad();
        compute.zero_grad();
        loss.backward();
        if (!ReferenceEquals(compute, network)) HandGradients(compute, network);
        nn.utils.clip_grad_norm_(optimizer.Parameters, tc.GradClip);
        optimizer.Step(lr);
        return loss.item<float>();
    }

    /// <summary>
    /// One decoder update (stage 3): the dynamics rolls random windows out from 1..L-2 real frames as at inference, and
    /// the decoder learns to turn the last two generated latents into their real frames (MSE), with a patch critic's
    /// adversarial term so that what the rollout leaves uncertain is drawn as real texture rather than a blur, while
    /// real latents keep their reconstruction loss. The encoder and the dynamics stay frozen. Returns the decoder loss.
    /// </summary>
    public double DecoderStep(WorldModelNetwork network, DecoderStage stage, long step, double lr)
    {
        var (compute, stepScope) = BeginRolloutStep(network);
        using var scope = stepScope;
        var tc = config.Train;
        var b = tc.DynamicsBatch;
        var length = DynamicsWindow(config);
        var rng = new Random((int)(StepSeed(tc.Seed, 4, step) & 0x7FFFFFFF));
        using var gen = new Generator(StepSeed(tc.Seed, 5, step));
        var (windows, nextActions, origins) = SampleWindows(train, trainLatents!, rng, b, length);
        var dtype = compute.Head.parameters().First().dtype;
        var z = stack(windows, 0);                                                                   // (B, L, N, C)
        var rolled = RolloutContext(compute, z.to(dtype), ActionTensors.Of(nextActions, train.World.Actions, [b, length - 1]), b, 1 + rng.Next(length - 2), gen);
        var generated = rolled.narrow(1, length - 2, 2).to(ScalarType.Float32).flatten(0, 1);       // (2B, N, C)
        var real = z.narrow(1, length - 2, 2).flatten(0, 1);                                         // (2B, N, C)
        var target = FrameTensors.FromBytes(TargetFrames(origins, length), 2 * b, train.Spec);      // (2B, C_img, H, W)
        var critic = stage.Critic;
        network.train();
        critic.train();
        var fromGenerated = network.Tokenizer.Decode(generated);                                    // (2B, C_img, H, W)
        var criticLoss = Losses.CriticHinge(critic.forward(target), critic.forward(fromGenerated.detach()));
        stage.CriticOptimizer.ZeroGrad();
        criticLoss.backward();
        stage.CriticOptimizer.Step(lr);
        var loss = Losses.Reconstruction(network.Tokenizer.Decode(real), target, tc.TokenizerMseWeight)
                   + nn.functional.mse_loss(fromGenerated, target)                              // the conditional mean: what PSNR rewards
                   + tc.DecoderAdversarialWeight * Losses.Adversarial(critic.forward(fromGenerated));
        stage.DecoderOptimizer.ZeroGrad();
        loss.backward();
        nn.utils.clip_grad_norm_(stage.DecoderOptimizer.Parameters, tc.GradClip);
        stage.DecoderOptimizer.Step(lr);
        return loss.item<float>();
    }

    /// <summary>The real frames at the last two positions of each sampled window.</summary>
    private byte[] TargetFrames((int Episode, long Start)[] origins, int length)
    {
        var bytes = train.Spec.FrameBytes;
        var frames = new byte[origins.Length * 2 * bytes];
        for (var i = 0; i < origins.Length; i++)
            for (var j = 0; j < 2; j++)
                train.Episodes[origins[i].Episode].Frame((int)(origins[i].Start + length - 2 + j)).Span.CopyTo(frames.AsSpan((2 * i + j) * bytes));
        return frames;
    }

    /// <summary>
    /// Starts a step that runs the dynamics: the latents are cached, the network to compute in exists, and the step's
    /// dispose scope is open with that network refreshed from the fp32 weights.
    /// </summary>
    private (WorldModelNetwork Compute, DisposeScope Scope) BeginRolloutStep(WorldModelNetwork network)
    {
        if (trainLatents is null) EncodeLatents(network);
        var compute = ComputeNetwork(network);
        var scope = NewDisposeScope();
        if (!ReferenceEquals(compute, network)) RefreshCopy(network, compute);
        return (compute, scope);
    }

    /// <summary>
    /// The network a dynamics step computes in: the fp32 network itself, or its bf16 copy (built on first use, outside
    /// any step's dispose scope, because the scope would free the copy's weights).
    /// </summary>
    private WorldModelNetwork ComputeNetwork(WorldModelNetwork network)
    {
        if (config.Train.DynamicsPrecision == "fp32") return network;
        if (lowPrecision is null)
        {
            lowPrecision = new WorldModelNetwork(config, network.World);
            lowPrecision.to(ScalarType.BFloat16);
        }
        return lowPrecision;
    }

    /// <summary>Copies the fp32 weights into the bf16 copy before its passes.</summary>
    private static void RefreshCopy(WorldModelNetwork network, WorldModelNetwork copy)
    {
        using var noGrad = no_grad();
        var copies = copy.DynamicsParameters.ToDictionary(p => p.Name, p => p.Param);
        foreach (var (name, weight) in network.DynamicsParameters) copies[name].copy_(weight);
    }

    /// <summary>Gives the bf16 copy's gradients to the fp32 weights, so that clipping and AdamW run in fp32.</summary>
    private static void HandGradients(WorldModelNetwork compute, WorldModelNetwork network)
    {
        using var noGrad = no_grad();
        var grads = compute.DynamicsParameters.ToDictionary(p => p.Name, p => p.Param.grad);
        foreach (var (name, weight) in network.DynamicsParameters)
        {
            if (grads[name] is not { } g) continue;
            if (weight.grad is { } existing) existing.copy_(g);
            else weight.grad = g.to(ScalarType.Float32);
        }
    }

    /// <summary>
    /// The first `rows` sequences keep their first `real` frames and continue with the model's own predictions, made
    /// one frame at a time over a key/value cache of at most K frames exactly as at inference (no gradient):
    /// (B, L, N, C) -> (B, L, N, C).
    /// </summary>
    private Tensor RolloutContext(WorldModelNetwork network, Tensor sequence, Tensor nextActions, int rows, int real, Generator gen)
    {
        using var noGrad = no_grad();
        network.eval();
        var dyn = network.Dynamics;
        var length = (int)sequence.shape[1];
        var past = config.Dynamics.ContextFrames - 1;
        var level = config.Dynamics.InferenceContextNoise;
        var frames = sequence.narrow(0, 0, rows);                                                    // (R, L, N, C)
        var levels = full([rows], level);                                                            // (R)
        using var cache = new KvCache(config.Dynamics.Depth, (int)sequence.shape[2]);                // (R, H, <=K-1 frames of tokens, hd)
        var generated = new List<Tensor>();
        for (var t = 0; t < length - 1; t++)
        {
            var input = t < real ? frames.select(1, t) : generated[^1];                              // (R, N, C)
            if (level > 0) input = input + level * randn(input.shape, dtype: input.dtype, generator: gen);
            var (features, newKeys, newValues) = dyn.StepFrame(input, nextActions.narrow(0, 0, rows).select(1, t), levels, full([rows], (long)t), cache.AllKeys, cache.AllValues);
            cache.Append(newKeys, newValues, past);
            if (t + 1 >= real) generated.Add(network.Head.Predict(features, randn([features.shape[0], features.shape[1], sequence.shape[3]], dtype: sequence.dtype, generator: gen)));
        }
        network.train();
        var rolledOut = cat([frames.narrow(1, 0, real), stack(generated, 1)], 1);                    // (R, L, N, C)
        return rows == sequence.shape[0] ? rolledOut : cat([rolledOut, sequence.narrow(0, rows, sequence.shape[0] - rows)], 0);
    }

    private static (Tensor[] Windows, ActionVector[] NextActions, (int Episode, long Start)[] Origins) SampleWindows(TrainingCorpus corpus, Tensor[] latents, Random rng, int count, int length)
    {
        var starts = Cumulative(corpus.Episodes.Select(e => (long)Math.Max(0, e.Length - length + 1)));   // RequireDynamicsWindow made the sum positive
        var windows = new Tensor[count];
        var actions = new ActionVector[count * (length - 1)];
        var origins = new (int, long)[count];
        for (var i = 0; i < count; i++)
        {
            var (e, s) = Locate(starts, rng.NextInt64(starts[^1]));
            windows[i] = latents[e].narrow(0, s, length);                                             // (K+1, N, C)
            origins[i] = (e, s);
            var acts = corpus.Episodes[e].Actions;
            for (var t = 0; t < length - 1; t++)
                actions[i * (length - 1) + t] = acts[s + t + 1];                                       // frame t is conditioned on the action producing t+1
        }
        return (windows, actions, origins);
    }

    /// <summary>Mean reconstruction PSNR over up to 32 validation frames spread evenly.</summary>
    public double ValidateTokenizer(WorldModelNetwork network)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var spec = validation.Spec;
        var cumulative = Cumulative(validation.Episodes.Select(e => (long)e.Length));
        var n = (int)Math.Min(32, cumulative[^1]);
        var frames = new byte[n * spec.FrameBytes];
        for (var i = 0; i < n; i++)
        {
            var (e, t) = Locate(cumulative, cumulative[^1] * i / n);
            validation.Episodes[e].Frame((int)t).Span.CopyTo(frames.AsSpan(i * spec.FrameBytes));
        }
        var recon = FrameTensors.ToBytes(network.Tokenizer.forward(FrameTensors.FromBytes(frames, n, spec)));
        return Enumerable.Range(0, n).Average(i => Psnr.Compute(recon[i], frames.AsSpan(i * spec.FrameBytes, spec.FrameBytes)));
    }

    /// <summary>Teacher-forced next-frame PSNR (decoded prediction vs real) and the copy-last-frame baseline, on up to 8 windows.</summary>
    public (double TeacherForced, double CopyLast) ValidateDynamics(WorldModelNetwork network)
    {
        if (validationLatents is null) EncodeLatents(network);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        network.eval();
        var k = config.Dynamics.ContextFrames;
        var spec = validation.Spec;
        var starts = Cumulative(validation.Episodes.Select(e => (long)Math.Max(0, e.Length - k)));
        if (starts[^1] == 0) return (double.NaN, double.NaN);
        var count = (int)Math.Min(8, starts[^1]);
        var windows = new List<Tensor>();
        var actions = new ActionVector[count * k];
        var truth = new List<(int Episode, long Start)>();
        for (var i = 0; i < count; i++)
        {
            var (e, s) = Locate(starts, starts[^1] * i / count);
            windows.Add(validationLatents![e].narrow(0, s, k));                                       // (K, N, C)
            for (var t = 0; t < k - 1; t++)
            {
                actions[i * k + t] = validation.Episodes[e].Actions[s + t + 1];
            }
            actions[i * k + k - 1] = ActionVector.Unknown;                                            // no target after the last frame
            truth.Add((e, s));
        }
        using var gen = new Generator(12345);
        var level = config.Dynamics.InferenceContextNoise;
        var z = stack(windows, 0);                                                                   // (B, K, N, C)
        var levels = full([count, k], level);
        if (level > 0) z = z + level * randn(z.shape, generator: gen);
        var features = network.Dynamics.Forward(z, ActionTensors.Of(actions, validation.World.Actions, [count, k]), levels)
            .narrow(1, 0, k - 1).reshape(count * (k - 1), network.Dynamics.Tokens, -1);              // (B*(K-1), N, D)
        var noise = randn([features.shape[0], features.shape[1], config.Tokenizer.LatentChannels], generator: gen);
        var predicted = FrameTensors.ToBytes(network.Tokenizer.Decode(network.Head.Predict(features, noise)));
        double tf = 0, copy = 0;
        for (var i = 0; i < count; i++)
        {
            var ep = validation.Episodes[truth[i].Episode];
            for (var t = 0; t < k - 1; t++)
            {
                var next = ep.Frame((int)(truth[i].Start + t + 1)).Span;
                tf += Psnr.Compute(predicted[i * (k - 1) + t], next);
                copy += Psnr.Compute(ep.Frame((int)(truth[i].Start + t)).Span, next);
            }
        }
        var pairs = count * (k - 1.0);
        return (tf / pairs, copy / pairs);
    }

    private static long[] Cumulative(IEnumerable<long> counts)
    {
        var list = new List<long>();
        long sum = 0;
        foreach (var c in counts) list.Add(sum += c);
        return list.Count == 0 ? [0] : list.ToArray();
    }

    /// <summary>Maps a flat index into (item, offset) given cumulative counts.</summary>
    private static (int Item, long Offset) Locate(long[] cumulative, long index)
    {
        var slot = Array.BinarySearch(cumulative, index + 1);
        if (slot < 0) slot = ~slot;
        while (slot > 0 && cumulative[slot - 1] == cumulative[slot]) slot--;   // skip items with zero count
        return (slot, index - (slot == 0 ? 0 : cumulative[slot - 1]));
    }

    private void DisposeLatents()
    {
        if (validationLatents is not null && !ReferenceEquals(validationLatents, trainLatents))
            foreach (var t in validationLatents) t.Dispose();
        if (trainLatents is not null)
            foreach (var t in trainLatents) t.Dispose();
        trainLatents = validationLatents = null;
    }

    public void Dispose()
    {
        DisposeLatents();
        lowPrecision?.Dispose();
        Network?.Dispose();
    }
}
