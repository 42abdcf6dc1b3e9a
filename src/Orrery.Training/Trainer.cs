using System.Diagnostics;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Versioning;
using Orrery.Model;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Training.Latents;
using Orrery.Training.Optimisation;
using Orrery.Training.Planning;
using Orrery.Training.Precision;
using Orrery.Training.Sampling;
using Orrery.Training.Stages;
using static TorchSharp.torch;

namespace Orrery.Training;

/// <summary>
/// Trains a world model in stages, run one after the other by one loop: (1) the tokenizer on random frames; (2) with
/// every frame encoded once to latents, the dynamics on latent windows; (3) optionally the decoder on the dynamics' own
/// rollouts. Every random draw is a pure function of (seed, step), so a resumed run equals a straight one bit for bit.
/// </summary>
public sealed class Trainer : IDisposable
{
    public const string CheckpointFolder = "checkpoint";
    public const string StateFolder = "train-state";
    public const string MetricsFile = "metrics.jsonl";

    private readonly TrainingCorpus train;
    private readonly TrainingCorpus validation;
    private readonly string runDir;
    private readonly TrainOptions options;
    private ModelConfig config;

    public Trainer(ModelConfig config, TrainingCorpus train, TrainingCorpus? validation, string runDir, TrainOptions? options = null)
    {
        this.config = config with { Dynamics = config.Dynamics with { StreamHeads = config.Dynamics.StreamHeads ?? train.World.Streams.Select(s => s.Name).Where(n => n != config.Dynamics.MemoryStream).ToArray() } };
        this.train = train;
        this.validation = validation ?? train;
        this.runDir = runDir;
        this.options = options ?? new TrainOptions();
        if (validation is not null && (validation.Spec != train.Spec || !validation.ActionNames.SequenceEqual(train.ActionNames)))
            throw new OrreryException($"validation data has {validation.Spec} frames and actions [{string.Join(", ", validation.ActionNames)}], training data {train.Spec} and [{string.Join(", ", train.ActionNames)}]");
        if (train.FrameCount == 0) throw new OrreryException("the training data has no frames");
    }

    /// <summary>The network being trained (available after Run starts; the final weights after it returns).</summary>
    public WorldModelNetwork? Network { get; private set; }

    /// <summary>Whether a fine-tune from `parent` into `child` replaces the prediction head (regression vs flow).</summary>
    public static bool SwapsHead(ModelConfig parent, ModelConfig child) => parent.Dynamics.Head != child.Dynamics.Head;

    /// <summary>Whether a fine-tune resizes the latent tokens, so the layers that face them start fresh.</summary>
    public static bool ChangesLatent(ModelConfig parent, ModelConfig child) => parent.Tokenizer.LatentChannels != child.Tokenizer.LatentChannels;

    public TrainResult Run()
    {
        set_num_threads(Math.Max(1, options.Threads));
        var statePath = Path.Combine(runDir, StateFolder);
        TrainState? resumed = null;
        if (options.Resume)
        {
            SweepStaleFiles();
            resumed = TrainState.Read(statePath);
            if (!resumed.DatasetFingerprints.SequenceEqual(train.Fingerprints))
                throw new OrreryException($"{statePath}: the run was trained on datasets [{string.Join(", ", resumed.DatasetFingerprints)}], now given [{string.Join(", ", train.Fingerprints)}]");
            config = resumed.Config;
        }
        DynamicsWindow.Require(config, train);
        var tc = config.Train;
        manual_seed(tc.Seed);
        var network = new WorldModelNetwork(config, train.World);
        Network = network;
        var initializedFrom = resumed?.InitializedFromSha256;
        // a resumed run restores its calibration; a fine-tune keeps its parent's where it has one
        var (calibrateStreams, calibrateMemory) = (resumed is null, resumed is null);
        if (resumed is null && options.InitFrom is { } init) (initializedFrom, calibrateStreams, calibrateMemory) = InitializeFrom(network, init);
        StreamCalibration.Fit(network, train, calibrateStreams, calibrateMemory);
        using var latents = new LatentCache(train, validation, options.Encoding, options.Cancel);
        using var shadow = new PrecisionShadow(network, config);
        // Built in this order because the decoder stage's critic draws its initial weights from torch's generator.
        using var tokenizer = new TokenizerStage(network, train, validation);
        var windows = new LatentWindowSource(network, train, validation, latents, shadow);
        using var dynamics = new DynamicsStage(network, windows);
        using var decoder = tc.DecoderSteps > 0 ? new DecoderStage(network, train, windows) : null;
        ITrainingStage[] stages = decoder is null ? [tokenizer, dynamics] : [tokenizer, dynamics, decoder];

        long step = 0;
        double elapsedBefore = 0;
        var budget = options.Budget?.TotalSeconds;
        var plan = StepPlan.For(tc, options.TotalSteps, options.Budget);
        var latestValidation = new Dictionary<string, double>();
        if (resumed is not null)
        {
            resumed.Restore(statePath, network, stages);
            (step, elapsedBefore, budget) = (resumed.Step, resumed.ElapsedSeconds, resumed.BudgetSeconds ?? budget);
            plan = new StepPlan(resumed.TokenizerSteps, resumed.DynamicsSteps, tc.DecoderSteps);
            foreach (var kv in resumed.Validation) latestValidation[kv.Key] = kv.Value;
            if (options.Budget is { } more && step >= plan.End(2))
            {
                if (tc.DecoderSteps > 0) throw new OrreryException($"{statePath}: the run ended with a decoder stage (train.decoderSteps), so its dynamics cannot be trained longer; start a new run with --from");
                // A finished run resumed with a time budget trains the dynamics that much longer; the cosine
                // schedule restarts from where the longer plan places the current step (a warm restart).
                budget = elapsedBefore + more.TotalSeconds;
                plan = plan with { Dynamics = null };
            }
        }

        using var metrics = new MetricsLog(options.WriteMetrics ? Path.Combine(runDir, MetricsFile) : null);
        var clock = Stopwatch.StartNew();
        double Elapsed() => elapsedBefore + clock.Elapsed.TotalSeconds;
        var firstStep = step;

        void SaveState() => new TrainState
        {
            Step = step, TokenizerSteps = plan.Tokenizer, DynamicsSteps = plan.Dynamics, ElapsedSeconds = Elapsed(), BudgetSeconds = budget,
            OptimizerSteps = stages.ToDictionary(s => s.Number, s => s.OptimizerSteps),
            Config = config, DatasetFingerprints = train.Fingerprints, Validation = new Dictionary<string, double>(latestValidation),
            InitializedFromSha256 = initializedFrom,
        }.Save(statePath, network, stages);

        TrainResult Finish(bool completed)
        {
            SaveState();
            metrics.Flush();
            var manifest = new CheckpointManifest
            {
                Config = config, World = train.World, DatasetFingerprints = train.Fingerprints, InitializedFromSha256 = initializedFrom,
                CodeVersion = CodeVersion.GitCommit, TokenizerSteps = plan.Done(1, step), DynamicsSteps = plan.Done(2, step), DecoderSteps = plan.Done(3, step),
                WallTimeSeconds = Math.Round(Elapsed(), 1), Validation = new Dictionary<string, double>(latestValidation), CreatedUtc = DateTime.UtcNow,
            };
            var dir = Path.Combine(runDir, CheckpointFolder);
            manifest = Checkpoint.Save(dir, network, manifest);
            return new TrainResult(dir, manifest, completed, step);
        }

        for (var i = 0; i < stages.Length; i++)
        {
            var stage = stages[i];
            var n = stage.Number;
            var start = plan.Start(n)!.Value;   // every earlier stage has ended, so its count is known
            if (plan.Count(n) is { } known && step >= start + known) continue;
            stage.Begin();
            if (options.Cancel.IsCancellationRequested) return Finish(false);                      // stopped while the stage began (e.g. encoding latents)
            var next = i + 1 < stages.Length ? stages[i + 1] : null;
            var calibration = BudgetCalibration.ForStage(n, budget, tc.TokenizerTimeShare, () => next?.EstimateBeginSeconds() ?? 0);
            var stageClock = Stopwatch.StartNew();
            var stageFirstStep = step;
            while (plan.Count(n) is not { } count || step - start < count)
            {
                if (options.Cancel.IsCancellationRequested || (options.StopAfterStep is { } stop && step >= stop)) return Finish(false);
                var local = step - start;
                var lr = LearningRateSchedule.At(local, Math.Max(plan.Count(n) ?? 0, tc.WarmupSteps + 1), stage.PeakLearningRate, tc.WarmupSteps, tc.MinLearningRateFraction);
                var loss = stage.Step(step, lr);
                step++;
                local++;
                if (calibration is not null)
                    plan = plan.With(n, calibration.Observe(plan.Count(n), step - stageFirstStep, stageClock.Elapsed.TotalSeconds, local, Elapsed()));
                metrics.Write([("stage", n), ("step", step), ("loss", loss), ("lr", lr)]);
                if (local % tc.ValidateEvery == 0 || local == plan.Count(n))
                {
                    var found = stage.Validate();
                    foreach (var (key, value) in found) latestValidation[key] = value;
                    metrics.Write([("stage", n), ("step", step), .. found]);
                }
                var rate = (step - stageFirstStep) / Math.Max(stageClock.Elapsed.TotalSeconds, 1e-9);
                options.Progress?.Invoke(new TrainProgress(n, step, plan.End(n) ?? step + 1, loss, rate,
                    latestValidation.TryGetValue(stage.ValidationKey, out var v) ? v : null, firstStep));
                if (step % tc.SaveEvery == 0) SaveState();
            }
        }
        return Finish(true);
    }

    /// <summary>Removes what a killed run's interrupted atomic writes left in the run folder before it is resumed.</summary>
    private void SweepStaleFiles()
    {
        foreach (var dir in new[] { runDir, Path.Combine(runDir, StateFolder), Path.Combine(runDir, CheckpointFolder) })
            AtomicFile.SweepStale(dir);
    }

    /// <summary>
    /// Loads a checkpoint's verified weights into the new network; returns their sha256 for the manifest. A run that
    /// changes dynamics.head keeps the parent's tokenizer and trunk and starts its head from fresh weights; one that adds
    /// a masked decoder to a categorical head keeps the head's output layer and starts the decoder fresh. A run that
    /// changes tokenizer.latentChannels (e.g. to quantize the latents) starts the layers that touch the latent fresh:
    /// the encoder's last convolution, the decoder's first and the trunk's token input. Any other resized tensor is an
    /// error naming it, unless <see cref="TrainOptions.Fresh"/> names it. A run that adds a memory starts it fresh (its
    /// gates at zero: the parent's predictions unchanged). Tensors <see cref="TrainOptions.Fresh"/> names start fresh too.
    /// Returns the parent's weights sha256 for the manifest, whether the parent predates the stream heads' calibration
    /// and whether it lacks the memory (so the fine-tune must fit their calibration).
    /// </summary>
    private (string Sha256, bool LacksCalibration, bool AddsMemory) InitializeFrom(WorldModelNetwork network, string checkpointDir)
    {
        var parent = Checkpoint.ReadManifest(checkpointDir);
        if (parent.Observation != train.Spec || !Equals(parent.World.Actions, train.World.Actions))
            throw new OrreryException($"{checkpointDir}: the model takes {parent.Observation} frames and actions [{string.Join(", ", parent.World.Actions?.Names ?? [])}], the data has {train.Spec} and [{string.Join(", ", train.ActionNames)}]");
        var swapsHead = SwapsHead(parent.Config, config);
        var reshaped = Checkpoint.Reshaped(checkpointDir, network);
        var resized = ChangesLatent(parent.Config, config) ? reshaped.Where(WorldModelNetwork.FacesLatent).ToHashSet() : [];
        var addsMasking = parent.Config.Dynamics.MaskedLayers == 0 && config.Dynamics.MaskedLayers > 0;
        var addsMemory = parent.Config.Dynamics.MemoryStream is null && config.Dynamics.MemoryStream is not null;
        var named = FreshByName(network);
        bool StartsFresh(string name) => resized.Contains(name) || named(name)
            || swapsHead && name.StartsWith(WorldModelNetwork.HeadPrefix, StringComparison.Ordinal)
            || addsMasking && CategoricalHead.IsMaskedDecoder(name)
            || addsMemory && WorldModelNetwork.IsMemory(name);
        if (reshaped.FirstOrDefault(n => !StartsFresh(n)) is { } uncovered)
            throw new OrreryException($"{checkpointDir}: tensor {uncovered} has another shape in this config; start it from fresh weights with --fresh {uncovered}");
        var absent = Checkpoint.LoadWeights(checkpointDir, parent, network, StartsFresh);
        return (parent.WeightsSha256, absent.Any(StreamHead.IsCalibration), addsMemory);
    }

    /// <summary>Whether --fresh names a tensor; each prefix must name at least one of the network's.</summary>
    private Func<string, bool> FreshByName(WorldModelNetwork network)
    {
        var names = network.state_dict().Keys.ToArray();
        var unknown = options.Fresh.FirstOrDefault(prefix => !names.Any(n => n.StartsWith(prefix, StringComparison.Ordinal)));
        if (unknown is not null)
            throw new OrreryException($"--fresh {unknown}: no tensor of this model's network begins with it (they begin with {string.Join(", ", names.Select(n => n.Split('.')[0] + ".").Distinct())})");
        return name => options.Fresh.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }

    public void Dispose() => Network?.Dispose();
}
