using System.Text.Json;
using Orrery.Core.Errors;
using Orrery.Core.IO;
using Orrery.Core.Spaces;
using TorchSharp;
using static TorchSharp.torch;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>
/// The inverse-dynamics model (IDM): a classifier of the action between two frames, trained on real environment
/// pairs. Its accuracy on generated pairs, over its accuracy on real ones, says how well a world model's frames
/// carry the effect of the actions it was given (the "action controllability" score of Genie-style evaluations).
/// </summary>
public sealed class InverseDynamicsModel : IDisposable
{
    private const string WeightsFile = "idm.weights";
    private const string ManifestFile = "idm.json";
    private readonly InverseDynamicsNet net;

    private InverseDynamicsModel(ObservationSpec spec, int actions, int width, int seed)
    {
        Spec = spec;
        Actions = actions;
        Width = width;
        torch.random.manual_seed(seed);
        net = new InverseDynamicsNet(spec.Channels, actions, width);
    }

    public ObservationSpec Spec { get; }

    public int Actions { get; }

    public int Width { get; }

    /// <summary>
    /// Trains a fresh IDM on pairs; reports the mean loss of each epoch through <paramref name="onEpoch"/>. With
    /// <paramref name="actionNames"/> and <see cref="IdmOptions.Mirror"/>, half of each batch is mirrored (<see cref="MirrorOf"/>).
    /// </summary>
    public static InverseDynamicsModel Train(ObservationSpec spec, int actions, IReadOnlyList<TransitionPair> pairs, IdmOptions options,
                                             Action<int, double>? onEpoch = null, Action<int>? onBatch = null,
                                             IReadOnlyList<string>? actionNames = null)
    {
        var model = new InverseDynamicsModel(spec, actions, options.Width, options.Seed);
        var optimizer = optim.Adam(model.net.parameters(), options.LearningRate);
        var total = options.Epochs * (int)Math.Ceiling(pairs.Count / (double)options.BatchSize);
        // one-cycle schedule: with it and mirroring, 8 epochs beat 12 at a constant rate (0.953 against 0.907 held out)
        var schedule = optim.lr_scheduler.OneCycleLR(optimizer, options.LearningRate, Math.Max(total, 1));
        var mirror = options.Mirror && actionNames is not null ? MirrorOf(actionNames) : null;
        using var mirrorIndex = mirror is null ? null : tensor(mirror.Select(i => (long)i).ToArray(), ScalarType.Int64);   // (A)
        var order = Enumerable.Range(0, pairs.Count).ToArray();
        var rng = new Random(options.Seed);
        var batches = 0;
        model.net.train();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            var count = 0;
            for (var start = 0; start < order.Length; start += options.BatchSize)
            {
                var idx = order.Skip(start).Take(options.BatchSize).Select(i => pairs[i]).ToArray();
                using (var scope = NewDisposeScope())
                {
                    var (x, y) = model.Batch(idx);
                    if (mirrorIndex is not null)
                    {
                        var flip = rand(idx.Length).lt(0.5);                                       // (B)
                        x = where(flip.view(-1, 1, 1, 1, 1), x.flip(3), x);                        // (B, 2, H, W, C), W reversed
                        y = where(flip, mirrorIndex.index([y]), y);                                // (B)
                    }
                    optimizer.zero_grad();
                    var loss = nn.functional.cross_entropy(model.net.forward(x), y);
                    loss.backward();
                    lossSum += loss.item<float>() * idx.Length;
                }
                // Stepped outside the step's dispose scope, so nothing Adam makes for later steps can be freed with the
                // step's tensors (a garbage Scalar inside Adam.step was seen in the plausibility judge, whose cause turned
                // out to be collections forced by large per-step allocations; see PlausibilityJudge.Train).
                optimizer.step();
                schedule.step();
                count += idx.Length;
                onBatch?.Invoke(++batches);
            }
            onEpoch?.Invoke(epoch, lossSum / Math.Max(count, 1));
        }
        model.net.eval();
        return model;
    }

    /// <summary>
    /// The action each action becomes when the view is mirrored left to right: a name containing "left" swaps with the
    /// same name with "right" (and back), every other action is itself. Null when some left or right has no twin, since
    /// such a world cannot be mirrored.
    /// </summary>
    public static int[]? MirrorOf(IReadOnlyList<string> actionNames)
    {
        var index = actionNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
        var map = new int[actionNames.Count];
        for (var i = 0; i < actionNames.Count; i++)
        {
            var name = actionNames[i];
            var twin = name.Contains("left") ? name.Replace("left", "right") : name.Contains("right") ? name.Replace("right", "left") : name;
            if (!index.TryGetValue(twin, out var j)) return null;
            map[i] = j;
        }
        return map;
    }

    /// <summary>The most likely action for each pair.</summary>
    public int[] Predict(IReadOnlyList<TransitionPair> pairs)
    {
        var result = new int[pairs.Count];
        using var mode = inference_mode();
        for (var start = 0; start < pairs.Count; start += 256)
        {
            using var scope = NewDisposeScope();
            var chunk = pairs.Skip(start).Take(256).ToArray();
            var (x, _) = Batch(chunk);
            var predicted = net.forward(x).argmax(1).data<long>().ToArray();   // (B)
            for (var i = 0; i < chunk.Length; i++) result[start + i] = (int)predicted[i];
        }
        return result;
    }

    /// <summary>Fraction of pairs whose action the IDM names correctly; pairs whose action is unknown are skipped.</summary>
    public double Accuracy(IReadOnlyList<TransitionPair> pairs)
    {
        var scored = pairs.Where(p => !p.Action.IsUnknown).ToArray();
        if (scored.Length == 0) return double.NaN;
        var predicted = Predict(scored);
        return scored.Where((p, i) => predicted[i] == p.Action.Index).Count() / (double)scored.Length;
    }

    /// <summary>Writes weights and a manifest into <paramref name="dir"/> (crash-safe per file).</summary>
    public void Save(string dir, IReadOnlyDictionary<string, object> extra)
    {
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $"{WeightsFile}.tmp-{Environment.ProcessId}");
        net.save(tmp);
        File.Move(tmp, Path.Combine(dir, WeightsFile), overwrite: true);
        var manifest = new Dictionary<string, object>(extra)
        {
            ["height"] = Spec.Height, ["width"] = Spec.Width, ["channels"] = Spec.Channels, ["actions"] = Actions, ["netWidth"] = Width,
        };
        AtomicFile.WriteAllText(Path.Combine(dir, ManifestFile), JsonSerializer.Serialize(manifest));
    }

    /// <summary>Loads an IDM saved by <see cref="Save"/>; null when the folder holds none.</summary>
    public static InverseDynamicsModel? TryLoad(string dir)
    {
        var manifestPath = Path.Combine(dir, ManifestFile);
        var weights = Path.Combine(dir, WeightsFile);
        if (!File.Exists(manifestPath) || !File.Exists(weights)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
            var r = doc.RootElement;
            var spec = new ObservationSpec(r.GetProperty("height").GetInt32(), r.GetProperty("width").GetInt32(), r.GetProperty("channels").GetInt32());
            var model = new InverseDynamicsModel(spec, r.GetProperty("actions").GetInt32(), r.GetProperty("netWidth").GetInt32(), 0);
            model.net.load(weights);
            model.net.eval();
            return model;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new OrreryException($"IDM cache {manifestPath} is unreadable ({e.Message}); delete the folder to retrain");
        }
    }

    /// <summary>(B, 2, H, W, C) uint8 pairs and (B) int64 labels.</summary>
    private (Tensor X, Tensor Y) Batch(IReadOnlyList<TransitionPair> pairs)
    {
        var fb = Spec.FrameBytes;
        var bytes = new byte[pairs.Count * 2 * fb];
        for (var i = 0; i < pairs.Count; i++)
        {
            pairs[i].Before.CopyTo(bytes, 2 * i * fb);
            pairs[i].After.CopyTo(bytes, (2 * i + 1) * fb);
        }
        var x = tensor(bytes, [pairs.Count, 2, Spec.Height, Spec.Width, Spec.Channels], ScalarType.Byte);   // (B, 2, H, W, C)
        var y = tensor(pairs.Select(p => (long)Math.Max(p.Action.Index, 0)).ToArray(), ScalarType.Int64);        // (B)
        return (x, y);
    }

    public void Dispose() => net.Dispose();
}
