using System.Runtime.InteropServices;
using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Model.Checkpoints;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Model;

/// <summary>
/// A trained world model for inference: Begin a rollout from context frames, then Step it one frame per action.
/// Thread rule: make all calls for one WorldModel (and its RolloutStates) on one thread; use one model per thread
/// for parallelism. Deterministic: the same seed, model, frames and actions give the same bytes.
/// </summary>
public sealed class WorldModel : IDisposable
{
    private readonly WorldModelNetwork network;
    private readonly ScalarType dtype;
    private readonly TorchSharp.torch.Device device;

    private WorldModel(WorldModelNetwork network, CheckpointManifest manifest, WorldModelOptions options)
    {
        this.network = network;
        Manifest = manifest;
        dtype = options.Precision == NumericPrecision.Bf16 ? ScalarType.BFloat16 : ScalarType.Float32;
        device = options.Device switch
        {
            ComputeDevice.Cuda when cuda.is_available() => CUDA,
            ComputeDevice.Cuda => throw new OrreryException("device 'cuda': no CUDA device is available; use --device cpu"),
            _ => CPU,
        };
        if (options.Threads is { } threads and > 0) set_num_threads(threads);
        network.eval();
        network.to(device);
        if (dtype != ScalarType.Float32) network.to(dtype);
    }

    /// <summary>Loads a checkpoint folder (verified: manifest, sha256, every tensor's name/shape/dtype).</summary>
    public static WorldModel Load(string checkpointDir, WorldModelOptions? options = null)
    {
        var (manifest, network) = Checkpoint.Load(checkpointDir);
        return new WorldModel(network, manifest, options ?? new WorldModelOptions());
    }

    /// <summary>Wraps an in-memory network (e.g. straight from the trainer); the model takes ownership of it.</summary>
    public static WorldModel FromNetwork(WorldModelNetwork network, CheckpointManifest manifest, WorldModelOptions? options = null) =>
        new(network, manifest, options ?? new WorldModelOptions());

    public CheckpointManifest Manifest { get; }

    public ObservationSpec Spec => Manifest.Observation;

    public IReadOnlyList<string> ActionNames => Manifest.ActionNames;

    /// <summary>K: a predicted frame depends on the newest K frames.</summary>
    public int ContextFrames => Manifest.Config.Dynamics.ContextFrames;

    internal int Depth => Manifest.Config.Dynamics.Depth;

    internal int Heads => Manifest.Config.Dynamics.Heads;

    internal int HeadDim => Manifest.Config.Dynamics.Width / Heads;

    internal int TokensPerFrame => network.Tokenizer.TokensPerFrame;

    internal int LatentChannels => Manifest.Config.Tokenizer.LatentChannels;

    private double ContextLevel => Manifest.Config.Dynamics.InferenceContextNoise;

    /// <summary>Starts a rollout from >= 1 context frames (HWC uint8); contextActions[t] produced frame t (-1 = unknown, [0] is ignored).</summary>
    public RolloutState Begin(IReadOnlyList<byte[]> contextFrames, IReadOnlyList<int> contextActions, long seed)
    {
        if (contextFrames.Count == 0) throw new OrreryException("a rollout needs at least one context frame");
        if (contextActions.Count != contextFrames.Count)
            throw new OrreryException($"{contextFrames.Count} context frames need {contextFrames.Count} actions (actions[t] produced frame t; -1 = unknown), found {contextActions.Count}");
        for (var t = 1; t < contextActions.Count; t++) CheckAction(contextActions[t]);
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        var latents = EncodeFrames(contextFrames);                                                   // (T, N, C)
        var generator = new Generator((ulong)seed);
        var state = new RolloutState(this, new KvCache(Depth, TokensPerFrame), latents.narrow(0, 0, 1).clone().DetachFromDisposeScope(), generator, 0, seed);
        state.SetPending(AddContextNoise(latents.narrow(0, 0, 1), state));
        for (var t = 1; t < contextFrames.Count; t++)
            Advance([state], [contextActions[t]], latents.narrow(0, t, 1), predict: false);
        return state;
    }

    /// <summary>One new frame per state, all states in as few forward passes as possible (states are grouped by cache length).</summary>
    public IReadOnlyList<byte[]> Step(IReadOnlyList<RolloutState> states, IReadOnlyList<int> actions)
    {
        if (states.Count != actions.Count) throw new OrreryException($"{states.Count} states need {states.Count} actions, found {actions.Count}");
        if (states.Distinct().Count() != states.Count) throw new OrreryException("the same rollout state appears twice in one Step");
        foreach (var s in states)
            if (!ReferenceEquals(s.Owner, this)) throw new OrreryException("a rollout state belongs to another model");
        foreach (var a in actions) CheckAction(a);
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        var predicted = Advance(states, actions, null, predict: true)!;                             // (B, N, C)
        return FrameTensors.ToBytes(network.Tokenizer.Decode(predicted));
    }

    /// <summary>Tokenizer round trip of one frame.</summary>
    public byte[] Reconstruct(byte[] frame)
    {
        using var mode = inference_mode();
        using var scope = NewDisposeScope();
        return FrameTensors.ToBytes(network.Tokenizer.Decode(EncodeFrames([frame])))[0];
    }

    /// <summary>For t = 0..T-2, the predicted frame t+1 given the real frames up to t and actions[t+1] (flow heads sample with seed 0).</summary>
    public IReadOnlyList<byte[]> TeacherForced(IReadOnlyList<byte[]> frames, IReadOnlyList<int> actions)
    {
        if (frames.Count < 2) throw new OrreryException($"teacher forcing needs at least 2 frames, found {frames.Count}");
        if (actions.Count != frames.Count) throw new OrreryException($"{frames.Count} frames need {frames.Count} actions, found {actions.Count}");
        for (var t = 1; t < actions.Count; t++) CheckAction(actions[t]);
        using var state = Begin([frames[0]], [actions[0]], 0);
        var result = new List<byte[]>(frames.Count - 1);
        for (var t = 0; t + 1 < frames.Count; t++)
        {
            using var mode = inference_mode();
            using var scope = NewDisposeScope();
            var real = EncodeFrames([frames[t + 1]]);                                                // (1, N, C)
            var predicted = Advance([state], [actions[t + 1]], real, predict: true)!;
            result.Add(FrameTensors.ToBytes(network.Tokenizer.Decode(predicted))[0]);
        }
        return result;
    }

    /// <summary>
    /// Runs each state's newest frame through the trunk (conditioned on its action), caches its keys/values, and sets the
    /// next newest latent: the prediction, or `forced` (1, N, C) when given. Returns predictions (B, N, C) in state order.
    /// </summary>
    private Tensor? Advance(IReadOnlyList<RolloutState> states, IReadOnlyList<int> actions, Tensor? forced, bool predict)
    {
        var outputs = new Tensor?[states.Count];
        var dyn = network.Dynamics;
        foreach (var group in Enumerable.Range(0, states.Count).GroupBy(i => states[i].Cache.Frames))
        {
            var idx = group.ToArray();
            var g = idx.Length;
            var latent = cat(idx.Select(i => states[i].Pending).ToArray(), 0);                        // (G, N, C)
            var acts = tensor(idx.Select(i => actions[i] < 0 ? (long)dyn.NullAction : actions[i]).ToArray(), dtype: ScalarType.Int64, device: device);
            var levels = full([g], ContextLevel, dtype: dtype, device: device);
            var positions = tensor(idx.Select(i => states[i].FrameIndex).ToArray(), dtype: ScalarType.Int64, device: device);
            Tensor[]? pastK = null, pastV = null;
            if (group.Key > 0)
            {
                pastK = Enumerable.Range(0, Depth).Select(l => cat(idx.Select(i => states[i].Cache.Keys(l)!).ToArray(), 0)).ToArray();     // (G, H, Lpast, hd)
                pastV = Enumerable.Range(0, Depth).Select(l => cat(idx.Select(i => states[i].Cache.Values(l)!).ToArray(), 0)).ToArray();
            }
            var (features, keys, values) = dyn.StepFrame(latent, acts, levels, positions, pastK, pastV);                                 // (G, N, D)
            Tensor? prediction = null;
            if (predict)
            {
                var noise = network.Head.IsStochastic
                    ? cat(idx.Select(i => Noise(states[i])).ToArray(), 0)                                                                  // (G, N, C), per-state generators
                    : zeros([g, TokensPerFrame, LatentChannels], dtype: dtype, device: device);
                prediction = network.Head.Predict(features, noise);                                                                      // (G, N, C)
            }
            for (var j = 0; j < g; j++)
            {
                var s = states[idx[j]];
                s.Cache.Append(keys.Select(k => k.narrow(0, j, 1)).ToArray(), values.Select(v => v.narrow(0, j, 1)).ToArray(), ContextFrames - 1);
                var next = forced ?? prediction!.narrow(0, j, 1);
                s.SetPending(AddContextNoise(next, s));
                s.FrameIndex++;
                if (prediction is not null) outputs[idx[j]] = prediction.narrow(0, j, 1);
            }
        }
        return predict ? cat(outputs.Select(o => o!).ToArray(), 0) : null;
    }

    private Tensor Noise(RolloutState state) =>
        randn([1, TokensPerFrame, LatentChannels], generator: state.Generator).to(dtype).to(device);   // drawn in fp32 on CPU: same bytes on every device/precision

    private Tensor AddContextNoise(Tensor latent, RolloutState state) =>
        ContextLevel > 0 ? latent + Noise(state) * ContextLevel : latent;

    private Tensor EncodeFrames(IReadOnlyList<byte[]> frames) =>
        network.Tokenizer.Encode(FrameTensors.FromBytes(FrameTensors.Concat(frames, Spec), frames.Count, Spec, dtype).to(device));   // (T, N, C)

    private void CheckAction(int action)
    {
        if (action < -1 || action >= ActionNames.Count)
            throw new OrreryException($"unknown action {action}; expected -1 (none) or 0..{ActionNames.Count - 1} ({string.Join(", ", ActionNames)})");
    }

    /// <summary>Float32 little-endian bytes -> a tensor of this model's dtype and device.</summary>
    internal Tensor FromFloat32(byte[] bytes, long[] shape)
    {
        var floats = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return tensor(floats, shape).to(dtype).to(device);
    }

    public void Dispose() => network.Dispose();
}
