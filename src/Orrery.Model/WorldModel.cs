using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Simulation;
using Orrery.Core.Streams;
using Orrery.Core.Spaces;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Model.Memory;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Model;

/// <summary>
/// A trained world model for inference, as a simulator: Begin a rollout from context frames, then Step it one frame
/// (and its predicted streams) per action. Thread rule: make all calls for one WorldModel (and its RolloutStates) on one
/// thread; use one model per thread for parallelism. Deterministic: the same seed, model, frames and actions give the
/// same bytes.
/// </summary>
public sealed class WorldModel : ISimulator
{
    private readonly WorldModelNetwork network;
    private readonly ScalarType dtype;
    private readonly TorchSharp.torch.Device device;
    private readonly bool decodeFrames;

    private WorldModel(WorldModelNetwork network, CheckpointManifest manifest, WorldModelOptions options, string name)
    {
        this.network = network;
        Manifest = manifest;
        Name = name;
        decodeFrames = options.DecodeFrames;
        dtype = options.Precision == NumericPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        IdentityHash = Identity(manifest, options.Precision);
        device = options.Device switch
        {
            ComputeDevice.Cuda when cuda.is_available() => CUDA,
            ComputeDevice.Cuda => throw new OrreryException("device 'cuda': no CUDA device is available; use --device cpu"),
            _ => CPU,
        };
        if (options.Threads is { } threads and > 0) set_num_threads(threads);
        network.eval();
        network.GroupCodesByColour();   // before the move to device and precision: the same groups for bf16 and fp32
        network.to(device);
        if (dtype != ScalarType.Float32) network.to(dtype);
    }

    private static string Identity(CheckpointManifest manifest, NumericPrecision precision) =>
        Checksums.Sha256(Encoding.UTF8.GetBytes($"{manifest.WeightsSha256}:{JsonSerializer.Serialize(manifest.Config.Dynamics, ConfigOverrides.Json)}:{precision}"));

    /// <summary>Loads a checkpoint folder (verified: manifest, sha256, every tensor's name/shape/dtype); its name is the folder's.</summary>
    public static WorldModel Load(string checkpointDir, WorldModelOptions? options = null)
    {
        var (manifest, network) = Checkpoint.Load(checkpointDir);
        return new WorldModel(network, manifest, options ?? new WorldModelOptions(), Path.GetFileName(Path.GetFullPath(checkpointDir).TrimEnd(Path.DirectorySeparatorChar)));
    }

    /// <summary>Wraps an in-memory network (e.g. straight from the trainer); the model takes ownership of it.</summary>
    public static WorldModel FromNetwork(WorldModelNetwork network, CheckpointManifest manifest, WorldModelOptions? options = null, string name = "model") =>
        new(network, manifest, options ?? new WorldModelOptions(), name);

    public CheckpointManifest Manifest { get; }

    /// <summary>The checkpoint folder's name (what sessions and reports call the model).</summary>
    public string Name { get; }

    /// <summary>
    /// What makes this model's frames: the weights, the dynamics settings that sample from them (a manifest may change
    /// the temperature or the carried noise without retraining) and the precision. Snapshots and replays check it, so a
    /// log made under one never silently replays under another.
    /// </summary>
    public string IdentityHash { get; }

    public WorldSpec World => Manifest.World;

    public ObservationSpec Spec => Manifest.Observation;

    /// <summary>K: a predicted frame depends on the newest K frames.</summary>
    public int ContextFrames => Manifest.Config.Dynamics.ContextFrames;

    internal int Depth => Manifest.Config.Dynamics.Depth;

    internal int Heads => Manifest.Config.Dynamics.Heads;

    internal int HeadDim => Manifest.Config.Dynamics.Width / Heads;

    internal int TokensPerFrame => network.Tokenizer.TokensPerFrame;

    internal int LatentChannels => Manifest.Config.Tokenizer.LatentChannels;

    private double ContextLevel => Manifest.Config.Dynamics.InferenceContextNoise;

    /// <summary>The streams each step predicts: one per stream head, and the memory's key stream.</summary>
    public IReadOnlyList<string> PredictedStreams =>
        [.. Manifest.Config.Dynamics.StreamHeads ?? [], .. MemoryStream is { } key ? [key] : Array.Empty<string>()];

    /// <summary>Whether the model keeps a memory beyond its window (dynamics.memoryStream).</summary>
    internal bool HasMemory => network.MemoryKeyHead is not null;

    private string? MemoryStream => Manifest.Config.Dynamics.MemoryStream;

    private int RecalledFrames => Manifest.Config.Dynamics.ResolvedMemoryFrames;

    /// <summary>An empty memory for one rollout of this model.</summary>
    internal MemoryBank NewMemory() =>
        new(World.Stream(MemoryStream!)!.Size, Manifest.Config.Dynamics.ResolvedMemoryMergeDistance, Manifest.Config.Dynamics.MemoryMinAge);

    /// <summary>A context frame's memory key: its recorded value of the memory stream, or zeros when it came without one (a start image).</summary>
    private float[] ContextKey(Observation observation)
    {
        var size = World.Stream(MemoryStream!)!.Size;
        return observation.Streams.TryGetValue(MemoryStream!, out var row) && row.Length == size ? (float[])row.Clone() : new float[size];
    }

    /// <summary>Starts a rollout from >= 1 context frames; Actions[t] produced frame t (unknown allowed; [0] is ignored).</summary>
    public SimulatorState Begin(SimulatorStart start)
    {
        var context = start.Context;
        if (context.Count == 0) throw new OrreryException("a rollout needs at least one context frame");
        if (start.Actions.Count != context.Count)
            throw new OrreryException($"{context.Count} context frames need {context.Count} actions (actions[t] produced frame t; unknown allowed), found {start.Actions.Count}");
        for (var t = 1; t < start.Actions.Count; t++) CheckAction(start.Actions[t]);
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        var latents = EncodeFrames(context.Select(o => o.Frame).ToArray());                         // (T, N, C)
        var generator = new Generator((ulong)start.Seed);
        var memory = HasMemory ? NewMemory() : null;
        var state = new RolloutState(this, new KvCache(Depth, TokensPerFrame), latents.narrow(0, 0, 1).clone().DetachFromDisposeScope(), generator, 0, start.Seed, memory);
        state.SetPending(AddContextNoise(latents.narrow(0, 0, 1), state));
        if (memory is not null) Remember(state, latents.narrow(0, 0, 1), ContextKey(context[0]), 0);
        for (var t = 1; t < context.Count; t++)
            Advance([state], [start.Actions[t]], (latents.narrow(0, t, 1), HasMemory ? ContextKey(context[t]) : null), predict: false);
        return state;
    }

    /// <summary>
    /// One new frame and its predicted streams per state, all states in as few forward passes as possible (grouped by
    /// cache length); each frame is empty when the model was loaded with <see cref="WorldModelOptions.DecodeFrames"/> false.
    /// </summary>
    public IReadOnlyList<Observation> Step(IReadOnlyList<SimulatorState> states, IReadOnlyList<ActionVector> actions)
    {
        if (states.Count != actions.Count) throw new OrreryException($"{states.Count} states need {states.Count} actions, found {actions.Count}");
        var rollouts = states.Select(Own).ToArray();
        if (rollouts.Distinct().Count() != rollouts.Length) throw new OrreryException("the same rollout state appears twice in one Step");
        foreach (var a in actions) CheckAction(a);
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        var (predicted, features) = Advance(rollouts, actions, null, predict: true);               // (B, N, C), (B, N, D)
        var frames = decodeFrames ? FrameTensors.ToBytes(network.Tokenizer.Decode(predicted!)) : states.Select(_ => Array.Empty<byte>()).ToArray();
        var streams = PredictStreams(features, states.Count);
        if (HasMemory)
            for (var i = 0; i < rollouts.Length; i++) streams[i][MemoryStream!] = (float[])rollouts[i].Key!.Clone();
        return frames.Select((f, i) => new Observation(f, streams[i])).ToArray();
    }

    public SimulatorState Fork(SimulatorState state) => Own(state).Clone();

    public void Save(SimulatorState state, Stream stream) => Own(state).Save(stream);

    public SimulatorState Restore(Stream stream) => RolloutState.Load(stream, this);

    /// <summary>Tokenizer round trip of one frame.</summary>
    public byte[] Reconstruct(byte[] frame)
    {
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        return FrameTensors.ToBytes(network.Tokenizer.Decode(EncodeFrames([frame])))[0];
    }

    private RolloutState Own(SimulatorState state) =>
        state is RolloutState r && ReferenceEquals(r.Owner, this) ? r : throw new OrreryException("a rollout state belongs to another simulator");

    /// <summary>Each stream head's prediction, per state: features (B, N, D) -> B dictionaries of stream rows.</summary>
    private StreamValues[] PredictStreams(Tensor features, int count)
    {
        var result = Enumerable.Range(0, count).Select(_ => new StreamValues()).ToArray();
        foreach (var (name, head) in network.StreamHeads)
        {
            var rows = head.forward(features).to(ScalarType.Float32).cpu();                        // (B, S)
            var size = (int)rows.shape[1];
            var values = rows.data<float>().ToArray();
            for (var i = 0; i < count; i++) result[i][name] = values.AsSpan(i * size, size).ToArray();
        }
        return result;
    }

    /// <summary>
    /// Runs each state's newest frame through the trunk (conditioned on its action, and with a memory on the frames it
    /// recalls), caches its keys/values, and sets the next newest latent: the prediction, or `forced` (1, N, C) when
    /// given; with a memory also the next key (forced, or the key head's) and offers the frame to the memory. Returns
    /// predictions (B, N, C) and the trunk's features (B, N, D) in state order (null predictions when predict is false).
    /// </summary>
    private (Tensor? Predictions, Tensor Features) Advance(IReadOnlyList<RolloutState> states, IReadOnlyList<ActionVector> actions, (Tensor Latent, float[]? Key)? forced, bool predict)
    {
        var outputs = new Tensor?[states.Count];
        var allFeatures = new Tensor?[states.Count];
        var dyn = network.Dynamics;
        foreach (var group in Enumerable.Range(0, states.Count).GroupBy(i => states[i].Cache.Frames))
        {
            var idx = group.ToArray();
            var g = idx.Length;
            var latent = cat(idx.Select(i => states[i].Pending).ToArray(), 0);                        // (G, N, C)
            var acts = ActionBatch(idx.Select(i => actions[i]).ToArray());                                                      // (G) or (G, A)
            var levels = full([g], ContextLevel, dtype: dtype, device: device);
            var positions = tensor(idx.Select(i => states[i].FrameIndex).ToArray(), dtype: ScalarType.Int64, device: device);
            Tensor[]? pastK = null, pastV = null;
            if (group.Key > 0)
            {
                pastK = Enumerable.Range(0, Depth).Select(l => cat(idx.Select(i => states[i].Cache.Keys(l)!).ToArray(), 0)).ToArray();     // (G, H, Lpast, hd)
                pastV = Enumerable.Range(0, Depth).Select(l => cat(idx.Select(i => states[i].Cache.Values(l)!).ToArray(), 0)).ToArray();
            }
            var current = HasMemory ? idx.Select(i => states[i].Key!).ToArray() : null;                                              // G keys
            var anticipated = current is not null ? Anticipate(current, acts) : null;                                                  // G keys
            var memory = anticipated is not null ? Recall(idx.Select(i => states[i]).ToArray(), anticipated) : null;                     // (G, 1, M, N, C)
            (Tensor Features, Tensor[] Keys, Tensor[] Values) Trunk(Tensor under) => dyn.StepFrame(latent, under, levels, positions, pastK, pastV, memory);
            var (features, keys, values) = Trunk(acts);                                                                                  // (G, N, D)
            var nextKeys = current is not null && forced is null ? GeneratedKeys(features, current, anticipated!) : null;              // G keys
            Tensor? prediction = null;
            if (predict)
            {
                var guided = Guided(features, g, under => Trunk(under).Features);                                                        // (G, N, D)
                var width = network.Head.NoiseWidth;
                var noise = width > 0
                    ? cat(idx.Select(i => SampleNoise(states[i], width)).ToArray(), 0)                                                     // (G, N, W), per-state generators
                    : zeros([g, TokensPerFrame, 0], dtype: dtype, device: device);
                prediction = network.Head.Predict(guided, noise);                                                                        // (G, N, C)
            }
            for (var j = 0; j < g; j++)
            {
                var s = states[idx[j]];
                s.Cache.Append(keys.Select(k => k.narrow(0, j, 1)).ToArray(), values.Select(v => v.narrow(0, j, 1)).ToArray(), ContextFrames - 1);
                var next = forced?.Latent ?? prediction!.narrow(0, j, 1);
                s.SetPending(AddContextNoise(next, s));
                if (HasMemory) Remember(s, next, forced?.Key ?? nextKeys![j], s.FrameIndex + 1);
                s.Advance();
                if (prediction is not null) outputs[idx[j]] = prediction.narrow(0, j, 1);
                allFeatures[idx[j]] = features.narrow(0, j, 1);
            }
        }
        return (predict ? cat(outputs.Select(o => o!).ToArray(), 0) : null, cat(allFeatures.Select(f => f!).ToArray(), 0));
    }

    /// <summary>
    /// The features the head reads: the trunk's under the real actions, or with dynamics.actionGuidance w, the trunk's
    /// under the unknown action plus w times the step to them (classifier-free guidance). `trunk` runs the same frame
    /// with the same context, cache and memory under other actions; the cache keeps only the real actions' keys and values.
    /// </summary>
    private Tensor Guided(Tensor features, int count, Func<Tensor, Tensor> trunk)
    {
        var scale = Manifest.Config.Dynamics.ActionGuidance;
        if (scale == 0) return features;
        var free = trunk(ActionBatch(Enumerable.Repeat(ActionVector.Unknown, count).ToArray()));                                 // (G, N, D)
        return free + (features - free) * scale;
    }

    /// <summary>Actions as one batch on the model's device: (G) codes, or (G, A) values in the model's dtype.</summary>
    private Tensor ActionBatch(IReadOnlyList<ActionVector> actions)
    {
        var batch = ActionTensors.Of(actions, World.Actions, [actions.Count]).to(device);
        return batch.is_floating_point() ? batch.to(dtype) : batch;
    }

    /// <summary>
    /// Each state's recalled frames for its newest frame, as one batch: (G, 1, M, N, C) and (G, 1, M, 2S+1). They are
    /// the kept frames nearest where the key head anticipates the action to lead (`queries`), for context frames too:
    /// training queries the same way, so the query never holds what only the next frame knows.
    /// </summary>
    private MemoryInput Recall(IReadOnlyList<RolloutState> states, float[][] queries)
    {
        var recalled = states.Select((s, j) => s.Memory!.Recall(queries[j], RecalledFrames, s.Pending, s.FrameIndex)).ToArray();
        return new MemoryInput(cat(recalled.Select(m => m.Latents).ToArray(), 0), cat(recalled.Select(m => m.Keys).ToArray(), 0));
    }

    /// <summary>The keys of generated frames, as dynamics.memoryKeySource says: from the features, or the anticipated ones.</summary>
    private float[][] GeneratedKeys(Tensor features, float[][] current, float[][] anticipated) =>
        Manifest.Config.Dynamics.MemoryKeySource == MemoryKeySource.Action ? anticipated : NextKeys(features, current);

    /// <summary>The key head's next key per state (float32 throughout: a position needs more digits than bf16 has).</summary>
    private float[][] NextKeys(Tensor features, float[][] current) => KeysOf(keys => network.MemoryKeyHead!.Next(features, keys), current);

    /// <summary>Where each state's action is anticipated to lead: keys and next actions (G) or (G, A) -> G keys.</summary>
    private float[][] Anticipate(float[][] current, Tensor actions) =>
        KeysOf(keys => network.MemoryKeyHead!.Anticipate(keys, network.Dynamics.ActionFeatures(actions)), current);

    /// <summary>Applies a key head's map to the states' keys: G keys -> (G, S) float32 -> G keys.</summary>
    private float[][] KeysOf(Func<Tensor, Tensor> map, float[][] current)
    {
        var size = current[0].Length;
        var keys = tensor(current.SelectMany(k => k).ToArray(), [current.Length, size]).to(device);        // (G, S) float32
        var next = map(keys).cpu().data<float>().ToArray();
        return Enumerable.Range(0, current.Length).Select(i => next.AsSpan(i * size, size).ToArray()).ToArray();
    }

    /// <summary>Makes `key` the state's newest key and offers frame `frame`'s clean latent (1, N, C) to its memory.</summary>
    private static void Remember(RolloutState state, Tensor latent, float[] key, long frame)
    {
        state.Key = key;
        state.Memory!.Offer(latent, key, frame);
    }

    private Tensor Noise(RolloutState state, int width) => FreshNoise(state, width).to(dtype).to(device);

    /// <summary>Standard normals (1, N, W), drawn in fp32 on CPU: the same bytes on every device and precision.</summary>
    private Tensor FreshNoise(RolloutState state, int width) => randn([1, TokensPerFrame, width], generator: state.Generator);

    /// <summary>
    /// The head's noise for the state's next frame (1, N, W): rho times the last frame's plus sqrt(1 - rho^2) times a
    /// fresh draw (dynamics.sampleNoiseCorrelation), still standard normal in every frame; fresh when rho is 0.
    /// </summary>
    private Tensor SampleNoise(RolloutState state, int width)
    {
        var rho = Manifest.Config.Dynamics.SampleNoiseCorrelation;
        if (rho == 0) return Noise(state, width);
        var fresh = FreshNoise(state, width);
        var noise = state.SampleNoise is { } last ? last * rho + fresh * Math.Sqrt(1 - rho * rho) : fresh;   // (1, N, W) float32
        state.SetSampleNoise(noise);
        return noise.to(dtype).to(device);
    }

    private Tensor AddContextNoise(Tensor latent, RolloutState state) =>
        ContextLevel > 0 ? latent + Noise(state, LatentChannels) * ContextLevel : latent;

    private Tensor EncodeFrames(IReadOnlyList<byte[]> frames) =>
        network.Tokenizer.Encode(FrameTensors.FromBytes(FrameTensors.Concat(frames, Spec), frames.Count, Spec, dtype).to(device));   // (T, N, C)

    private void CheckAction(ActionVector action)
    {
        if (World.Actions is { } space) space.Validate(action, allowUnknown: true);
        else if (!action.IsUnknown) throw new OrreryException($"action {action}: this model was trained on action-free video and takes only unknown actions");
    }

    /// <summary>Float32 little-endian bytes -> a tensor of this model's dtype and device.</summary>
    internal Tensor FromFloat32(byte[] bytes, long[] shape)
    {
        var floats = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return tensor(floats, shape).to(dtype).to(device);
    }

    public void Dispose() => network.Dispose();
}
