using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Model.Configs;
using Orrery.Model.Dynamics;
using Orrery.Model.Memory;
using Orrery.Model.Tokenizer;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace Orrery.Model;

/// <summary>
/// All weights of one world model under their checkpoint names: "tokenizer.*", "dynamics.*" and "head.*".
/// </summary>
public sealed class WorldModelNetwork : Module
{
    private readonly ConvAutoencoder tokenizer;
    private readonly BlockCausalTransformer dynamics;
    private readonly NextLatentHead head;
    private readonly ModuleList<StreamHead> streams;   // one per StreamHeads entry, in that order
    private readonly string[] streamNames;
    private readonly MemoryKeyHead? memoryKeyHead;      // with dynamics.memoryStream: predicts that stream, the memory's key

    /// <summary>Builds the network for a world; cfg.StreamHeads must be resolved (non-null) and name streams of the world.</summary>
    public WorldModelNetwork(ModelConfig cfg, WorldSpec world) : base(nameof(WorldModelNetwork))
    {
        var spec = world.Observation;
        Validate(cfg, spec);
        Config = cfg;
        World = world;
        tokenizer = new ConvAutoencoder(cfg.Tokenizer, spec);
        var d = cfg.Dynamics;
        var memoryKeySize = MemoryKeySize(cfg, world);
        dynamics = new BlockCausalTransformer(d, cfg.Tokenizer.LatentChannels, tokenizer.TokensPerFrame, world.Actions, memoryKeySize);
        head = d.Head switch
        {
            DynamicsHead.Flow => new FlowHead(d.Width, cfg.Tokenizer.LatentChannels, d.FlowWidth, d.FlowDepth, d.FlowSteps),
            DynamicsHead.Categorical => new CategoricalHead(d, tokenizer.Quantizer!),
            _ => new RegressionHead(d.Width, cfg.Tokenizer.LatentChannels),
        };
        streams = new ModuleList<StreamHead>();
        streamNames = [.. cfg.Dynamics.StreamHeads ?? throw new ArgumentException("resolve ModelConfig.StreamHeads before building a network")];
        // The heads draw their first weights from a seed of their own, so adding a stream never shifts the draws of
        // anything built after the network (the decoder stage's critic): frames stay bit for bit what they were.
        using var saved = TorchSharp.torch.random.get_rng_state();
        TorchSharp.torch.random.manual_seed(StreamHeadSeed);
        foreach (var name in streamNames)
            streams.Add(new StreamHead(d.Width, tokenizer.TokensPerFrame, (world.Stream(name) ?? throw new OrreryException($"streamHeads: the data has no stream '{name}'; it has: {string.Join(", ", world.Streams.Select(st => st.Name))}")).Size));
        if (memoryKeySize > 0) memoryKeyHead = new MemoryKeyHead(d.Width, tokenizer.TokensPerFrame, memoryKeySize, d.ResolvedMemoryKeyDeadband);
        TorchSharp.torch.random.set_rng_state(saved);
        RegisterComponents();
    }

    /// <summary>S, the size of the stream that keys the memory, or 0 without one; a stream the world lacks or a head already predicts is one line.</summary>
    private static int MemoryKeySize(ModelConfig cfg, WorldSpec world)
    {
        if (cfg.Dynamics.MemoryStream is not { } name) return 0;
        var stream = world.Stream(name) ?? throw new OrreryException($"dynamics.memoryStream: the data has no stream '{name}'; it has: {string.Join(", ", world.Streams.Select(st => st.Name))}");
        if (cfg.Dynamics.StreamHeads?.Contains(name) == true)
            throw new OrreryException($"dynamics.streamHeads names '{name}', the memory's key: the memory predicts it; leave it out of dynamics.streamHeads");
        return stream.Size;
    }

    /// <summary>The memory's key head (with dynamics.memoryStream), else null.</summary>
    public MemoryKeyHead? MemoryKeyHead => memoryKeyHead;

    /// <summary>Whether a checkpoint tensor belongs to the memory (which a fine-tune may add to a model without one).</summary>
    public static bool IsMemory(string name) =>
        name.StartsWith(nameof(memoryKeyHead) + ".", StringComparison.Ordinal) || name.Contains(".memory", StringComparison.Ordinal);

    private const long StreamHeadSeed = 0x5354524D;   // "STRM"

    /// <summary>The largest codebook a categorical head's output layer may span.</summary>
    public const long MaxCodebook = 1 << 16;

    /// <summary>The most colour groups dynamics.sampleColourGroups may ask for.</summary>
    public const int MaxColourGroups = 64;

    /// <summary>
    /// Ties the categorical head's draws of a frame's tokens by colour (dynamics.sampleColourGroups), from the decoder
    /// as it is now: call once the weights are loaded, before inference. Does nothing when the setting is off.
    /// </summary>
    public void GroupCodesByColour()
    {
        if (Config.Dynamics.SampleColourGroups > 0 && head is CategoricalHead categorical)
            categorical.TieDrawsWithin(ColourGroups.Of(tokenizer, Config.Dynamics.SampleColourGroups));
    }

    /// <summary>Checkpoint-name prefix of the prediction head's tensors.</summary>
    public const string HeadPrefix = "head.";

    public ModelConfig Config { get; }

    /// <summary>The world the network models (frames, actions, streams).</summary>
    public WorldSpec World { get; }

    public ObservationSpec Spec => World.Observation;

    /// <summary>The stream heads by stream name, in config order.</summary>
    public IReadOnlyList<(string Name, StreamHead Head)> StreamHeads => streamNames.Select((n, i) => (n, streams[i])).ToArray();

    public ConvAutoencoder Tokenizer => tokenizer;

    public BlockCausalTransformer Dynamics => dynamics;

    public NextLatentHead Head => head;

    /// <summary>Whether a tensor's shape follows tokenizer.latentChannels: the encoder's output, the decoder's input, the trunk's token input.</summary>
    public static bool FacesLatent(string name) =>
        LatentFacingPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    private static readonly string[] LatentFacingPrefixes = ["tokenizer.encoder.layers.out.", "tokenizer.decoder.layers.in.", "dynamics.tokenIn."];

    /// <summary>Parameters trained in stage 1.</summary>
    public IReadOnlyList<(string Name, Parameter Param)> TokenizerParameters =>
        named_parameters().Where(p => p.name.StartsWith("tokenizer.", StringComparison.Ordinal)).Select(p => (p.name, p.parameter)).ToArray();

    /// <summary>Parameters trained in stage 3 (the decoder half of the tokenizer).</summary>
    public IReadOnlyList<(string Name, Parameter Param)> DecoderParameters =>
        TokenizerParameters.Where(p => p.Name.StartsWith("tokenizer.decoder.", StringComparison.Ordinal)).ToArray();

    /// <summary>Parameters trained in stage 2 (trunk and head).</summary>
    public IReadOnlyList<(string Name, Parameter Param)> DynamicsParameters =>
        named_parameters().Where(p => !p.name.StartsWith("tokenizer.", StringComparison.Ordinal)).Select(p => (p.name, p.parameter)).ToArray();

    /// <summary>Rejects configs the modules cannot be built from, naming the field.</summary>
    public static void Validate(ModelConfig cfg, ObservationSpec spec)
    {
        spec.RequireModelShape("observation");
        var t = cfg.Tokenizer;
        if (t.Groups <= 0 || t.BaseChannels % t.Groups != 0)
            throw new OrreryException($"tokenizer.groups={t.Groups} must divide tokenizer.baseChannels={t.BaseChannels}");
        if (t.LatentChannels <= 0 || t.ResBlocks < 0) throw new OrreryException("tokenizer.latentChannels must be > 0 and tokenizer.resBlocks >= 0");
        if (t.Levels is { } levels && (levels.Count != t.LatentChannels || levels.Any(l => l < 2)))
            throw new OrreryException($"tokenizer.levels=[{string.Join(",", levels)}]: expected one count of at least 2 per latent channel ({t.LatentChannels})");
        if (t.Levels is { } sized && sized.Aggregate(1L, (a, l) => a * l) > MaxCodebook)
            throw new OrreryException($"tokenizer.levels=[{string.Join(",", sized)}]: a codebook of {sized.Aggregate(1L, (a, l) => a * l)} codes; at most {MaxCodebook}");
        var d = cfg.Dynamics;
        if (d.Head == DynamicsHead.Categorical && t.Levels is null)
            throw new OrreryException("dynamics.head=categorical predicts codes of a quantized tokenizer: set tokenizer.levels (e.g. 8,5,5,5 with tokenizer.latentChannels=4)");
        if (d.Heads <= 0 || d.Width % d.Heads != 0 || d.Width / d.Heads % 2 != 0)
            throw new OrreryException($"dynamics.width={d.Width} must be a multiple of dynamics.heads={d.Heads} with an even head size");
        if (d.Depth <= 0 || d.ContextFrames < 2 || d.MlpRatio <= 0)
            throw new OrreryException($"dynamics.depth must be > 0, dynamics.contextFrames >= 2 and dynamics.mlpRatio > 0 (found {d.Depth}, {d.ContextFrames}, {d.MlpRatio})");
        if (d.SampleTemperature < 0) throw new OrreryException($"dynamics.sampleTemperature={d.SampleTemperature}: expected 0 (greedy) or more");
        if (d.SampleMinP is < 0 or > 1) throw new OrreryException($"dynamics.sampleMinP={d.SampleMinP}: expected 0 (off) to 1");
        if (d.SampleNoiseCorrelation is < 0 or > 1) throw new OrreryException($"dynamics.sampleNoiseCorrelation={d.SampleNoiseCorrelation}: expected 0 (fresh noise every frame) to 1");
        if (d.ActionGuidance != 0 && !(d.ActionGuidance > 1 && double.IsFinite(d.ActionGuidance))) throw new OrreryException($"dynamics.actionGuidance={d.ActionGuidance}: expected 0 (off) or a scale above 1");
        if (d.SampleColourGroups != 0 && (d.SampleColourGroups is < 2 or > MaxColourGroups || d.Head != DynamicsHead.Categorical || d.SampleTemperature <= 0 || d.MaskedLayers > 0))
            throw new OrreryException($"dynamics.sampleColourGroups={d.SampleColourGroups}: expected 0 (off), or 2..{MaxColourGroups} with dynamics.head=categorical, dynamics.sampleTemperature above 0 and no masked decoder");
        if (d.MaskedLayers < 0 || d.MaskedLayers > 0 && d.Head != DynamicsHead.Categorical)
            throw new OrreryException($"dynamics.maskedLayers={d.MaskedLayers}: expected 0, or more with dynamics.head=categorical (it decodes codes)");
        if (d.MaskedRounds is < 1 or > 64) throw new OrreryException($"dynamics.maskedRounds={d.MaskedRounds}: expected 1..64");
        if (d.MemoryFrames is < 1 or > 16) throw new OrreryException($"dynamics.memoryFrames={d.MemoryFrames}: expected 1..16");
        if (d.MemoryKeyDeadband < 0) throw new OrreryException($"dynamics.memoryKeyDeadband={d.MemoryKeyDeadband}: expected 0 (off) or more");
        if (d.MemoryMinAge < 0) throw new OrreryException($"dynamics.memoryMinAge={d.MemoryMinAge}: expected 0 (any kept frame) or more");
        if (d.MemoryMergeDistance < 0) throw new OrreryException($"dynamics.memoryMergeDistance={d.MemoryMergeDistance}: expected 0 or more");
        if (d.FlowSteps is < 1 or > 16) throw new OrreryException($"dynamics.flowSteps={d.FlowSteps}: expected 1..16");
        if (cfg.Train.RolloutFraction is < 0 or > 1) throw new OrreryException($"train.rolloutFraction={cfg.Train.RolloutFraction}: expected 0..1");
        if (cfg.Train.RolloutExtraFrames < 0) throw new OrreryException($"train.rolloutExtraFrames={cfg.Train.RolloutExtraFrames}: expected 0 or more");
        if (cfg.Train.DecoderSteps < 0) throw new OrreryException($"train.decoderSteps={cfg.Train.DecoderSteps}: expected 0 or more");
        if (cfg.Train.DecoderAdversarialWeight < 0) throw new OrreryException($"train.decoderAdversarialWeight={cfg.Train.DecoderAdversarialWeight}: expected 0 or more");
        if (cfg.Train.TokenizerTimeShare is < 0 or >= 1) throw new OrreryException($"train.tokenizerTimeShare={cfg.Train.TokenizerTimeShare}: expected 0 (no tokenizer stage) up to below 1");
    }
}
