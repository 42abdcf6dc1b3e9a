using System.Runtime.InteropServices;
using System.Text;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Model.Checkpoints;
using Orrery.Model.Dynamics;
using Orrery.Model.Memory;
using static TorchSharp.torch;

namespace Orrery.Model;

/// <summary>
/// One rollout's live state: the key/value cache of its last K-1 frames, the newest frame's latent (not yet run
/// through the trunk, because its conditioning action is not known yet), its frame index and its sampling generator;
/// with a memory, also the frames it kept and the newest frame's key; with correlated sampling noise, the last frame's
/// noise. Owns native memory: dispose it.
/// </summary>
public sealed class RolloutState : SimulatorState
{
    private const string Magic = "ORRS";
    private const int Version = 3;   // 3 added the kept frames' indices and the carried sampling noise, 2 the memory; 1 and 2 still load

    internal RolloutState(WorldModel owner, KvCache cache, Tensor pending, Generator generator, long frameIndex, long seed, MemoryBank? memory = null, float[]? key = null,
                          Tensor? sampleNoise = null)
    {
        SampleNoise = sampleNoise;
        Owner = owner;
        Cache = cache;
        Memory = memory;
        Key = key;
        Pending = pending;
        Generator = generator;
        this.frameIndex = frameIndex;
        Seed = seed;
    }

    internal WorldModel Owner { get; }

    internal KvCache Cache { get; }

    /// <summary>Latent of the newest frame (1, N, C), detached from dispose scopes.</summary>
    internal Tensor Pending { get; private set; }

    internal Generator Generator { get; }

    /// <summary>The last frame's sampling noise (1, N, W) float32 on CPU, kept only when dynamics.sampleNoiseCorrelation is above 0.</summary>
    internal Tensor? SampleNoise { get; private set; }

    /// <summary>The frames this rollout kept (with a memory), else null.</summary>
    internal MemoryBank? Memory { get; }

    /// <summary>Frames kept in the memory (0 without one).</summary>
    public int RememberedFrames => Memory?.Count ?? 0;

    /// <summary>The newest frame's memory key (recorded for context frames, predicted after), or null without a memory.</summary>
    internal float[]? Key { get; set; }

    /// <summary>Index of the newest frame (the first context frame is 0).</summary>
    public override long FrameIndex => frameIndex;

    private long frameIndex;

    /// <summary>The seed the rollout began with.</summary>
    public long Seed { get; }

    /// <summary>Moves to the next frame.</summary>
    internal void Advance() => frameIndex++;

    internal void SetPending(Tensor latent)
    {
        var old = Pending;
        Pending = latent.clone().DetachFromDisposeScope();
        old.Dispose();
    }

    internal void SetSampleNoise(Tensor noise)
    {
        var old = SampleNoise;
        SampleNoise = noise.clone().DetachFromDisposeScope();
        old?.Dispose();
    }

    /// <summary>An independent copy (fork): same cache, latent, frame index and generator state.</summary>
    public RolloutState Clone()
    {
        var generator = new Generator(0, Generator.device);
        using (var state = Generator.get_state()) generator.set_state(state);
        return new RolloutState(Owner, Cache.Clone(), Pending.clone().DetachFromDisposeScope(), generator, FrameIndex, Seed, Memory?.Clone(), (float[]?)Key?.Clone(),
                                SampleNoise?.clone().DetachFromDisposeScope());
    }

    /// <summary>Writes the state (float32, little-endian) with the weights' sha256 so that it only loads into the same model.</summary>
    public void Save(Stream stream)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Encoding.ASCII.GetBytes(Magic));
        w.Write(Version);
        w.Write(Owner.Manifest.WeightsSha256);
        w.Write(FrameIndex);
        w.Write(Seed);
        w.Write(Cache.Frames);
        using (var g = Generator.get_state()) WriteBlob(w, g.bytes.ToArray());
        WriteBlob(w, SafetensorsFile.Float32Bytes(Pending));
        for (var l = 0; l < Cache.Layers && Cache.Frames > 0; l++)
        {
            WriteBlob(w, SafetensorsFile.Float32Bytes(Cache.Keys(l)!));
            WriteBlob(w, SafetensorsFile.Float32Bytes(Cache.Values(l)!));
        }
        WriteMemory(w);
        w.Write(SampleNoise is not null);
        if (SampleNoise is not null) WriteBlob(w, SafetensorsFile.Float32Bytes(SampleNoise));
    }

    private void WriteMemory(BinaryWriter w)
    {
        w.Write(Memory?.Count ?? -1);
        if (Memory is null) return;
        WriteBlob(w, Key!.SelectMany(BitConverter.GetBytes).ToArray());
        for (var i = 0; i < Memory.Count; i++)
        {
            WriteBlob(w, Memory.Keys[i].SelectMany(BitConverter.GetBytes).ToArray());
            WriteBlob(w, SafetensorsFile.Float32Bytes(Memory.Latents[i]));
            w.Write(Memory.Frames[i]);
        }
    }

    /// <summary>The memory as written by WriteMemory (null when the state had none), checked against the model's.</summary>
    /// <remarks>Version 2 kept no frame indices: its frames are restored as frame -1, old enough for any recall.</remarks>
    private static (MemoryBank? Memory, float[]? Key) ReadMemory(BinaryReader r, WorldModel model, int version)
    {
        var count = r.ReadInt32();
        if ((count >= 0) != model.HasMemory)
            throw new OrreryException($"rollout state: {(count >= 0 ? "has a memory; this model has none" : "has no memory; this model keeps one")}");
        if (count < 0) return (null, null);
        var key = Floats(ReadBlob(r));
        var memory = model.NewMemory();
        for (var i = 0; i < count; i++)
        {
            var kept = Floats(ReadBlob(r));
            var latent = model.FromFloat32(ReadBlob(r), [model.TokensPerFrame, model.LatentChannels]);
            memory.Restore(kept, latent, version >= 3 ? r.ReadInt64() : -1);
        }
        return (memory, key);
    }

    /// <summary>Saved sampling noise -> (1, N, W) float32 on CPU, as the model keeps it.</summary>
    private static Tensor SampleNoiseOf(byte[] bytes, WorldModel model)
    {
        var floats = Floats(bytes);
        return tensor(floats, [1, model.TokensPerFrame, floats.Length / model.TokensPerFrame]).DetachFromDisposeScope();
    }

    private static float[] Floats(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    /// <summary>Reads a state written by Save for this same model (checked by the weights' sha256).</summary>
    public static RolloutState Load(Stream stream, WorldModel model)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (Encoding.ASCII.GetString(r.ReadBytes(4)) != Magic) throw new OrreryException("rollout state: not an Orrery rollout state (bad magic)");
            var version = r.ReadInt32();
            if (version is < 1 or > Version) throw new OrreryException($"rollout state: version {version}, expected 1 to {Version}");
            var sha = r.ReadString();
            if (sha != model.Manifest.WeightsSha256)
                throw new OrreryException($"rollout state: saved from weights {sha[..Math.Min(12, sha.Length)]}, this model is {model.Manifest.WeightsSha256[..Math.Min(12, model.Manifest.WeightsSha256.Length)]}");
            var frameIndex = r.ReadInt64();
            var seed = r.ReadInt64();
            var frames = r.ReadInt32();
            var genState = ReadBlob(r);
            var pending = ReadBlob(r);
            var keys = new Tensor[model.Depth];
            var values = new Tensor[model.Depth];
            using var scope = NewDisposeScope();
            var cacheShape = new long[] { 1, model.Heads, (long)frames * model.TokensPerFrame, model.HeadDim };
            for (var l = 0; l < model.Depth && frames > 0; l++)
            {
                keys[l] = model.FromFloat32(ReadBlob(r), cacheShape).MoveToOuterDisposeScope();
                values[l] = model.FromFloat32(ReadBlob(r), cacheShape).MoveToOuterDisposeScope();
            }
            var generator = new Generator(0);
            using (var gs = tensor(genState, dtype: ScalarType.Byte)) generator.set_state(gs);
            var cache = new KvCache(model.Depth, model.TokensPerFrame);
            cache.Restore(frames, keys, values);
            var latent = model.FromFloat32(pending, [1, model.TokensPerFrame, model.LatentChannels]).DetachFromDisposeScope();
            var (memory, key) = version >= 2 ? ReadMemory(r, model, version) : (null, null);
            if (version < 2 && model.HasMemory) throw new OrreryException("rollout state: version 1 has no memory; this model keeps one");
            var noise = version >= 3 && r.ReadBoolean() ? SampleNoiseOf(ReadBlob(r), model) : null;
            return new RolloutState(model, cache, latent, generator, frameIndex, seed, memory, key, noise);
        }
        catch (EndOfStreamException)
        {
            throw new OrreryException("rollout state: truncated");
        }
    }

    private static void WriteBlob(BinaryWriter w, byte[] bytes)
    {
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    private static byte[] ReadBlob(BinaryReader r)
    {
        var n = r.ReadInt32();
        var bytes = r.ReadBytes(n);
        return bytes.Length == n ? bytes : throw new EndOfStreamException();
    }

    public override void Dispose()
    {
        Cache.Dispose();
        Pending.Dispose();
        Generator.Dispose();
        Memory?.Dispose();
        SampleNoise?.Dispose();
        base.Dispose();
    }
}
