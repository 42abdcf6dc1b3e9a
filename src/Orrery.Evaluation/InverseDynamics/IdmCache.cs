using System.Text;
using Orrery.Core.Environments;
using Orrery.Core.IO;

namespace Orrery.Evaluation.InverseDynamics;

/// <summary>
/// Where trained IDMs live, one per environment setup: $ORRERY_CACHE/idm/&lt;env&gt;-&lt;hash&gt;/ (default
/// $XDG_CACHE_HOME/orrery or ~/.cache/orrery). The hash covers the environment name, resolution, worlds, action names
/// and every training option, so a change to any of them trains a new IDM instead of reusing a stale one.
/// </summary>
public static class IdmCache
{
    /// <summary>The cache root: ORRERY_CACHE, else XDG_CACHE_HOME/orrery, else ~/.cache/orrery.</summary>
    public static string Root =>
        Environment.GetEnvironmentVariable("ORRERY_CACHE") is { Length: > 0 } o ? o
        : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x ? Path.Combine(x, "orrery")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "orrery");

    /// <summary>The folder for one environment setup, under <paramref name="root"/> (default <see cref="Root"/>).</summary>
    public static string Folder(IEnvironment env, IReadOnlyList<int> worlds, IdmOptions options, string? root = null)
    {
        var key = $"v3|{env.Name}|{env.Spec.Observation}|{string.Join(',', TransitionCollector.Discrete(env).Names)}|{string.Join(',', worlds)}|{options}";
        return Path.Combine(root ?? Root, "idm", $"{env.Name}-{Checksums.Sha256(Encoding.UTF8.GetBytes(key))[..16]}");
    }

    /// <summary>Loads the cached IDM for this setup, or collects pairs, trains, caches and returns a new one.</summary>
    public static (InverseDynamicsModel Model, double RealAccuracy, string Folder, bool Cached) LoadOrTrain(
        Func<int, IEnvironment> create, IReadOnlyList<int> worlds, IdmOptions options, Action<string, double, double>? progress = null,
        string? root = null)
    {
        var envs = worlds.Select(create).ToArray();
        var folder = Folder(envs[0], worlds, options, root);
        var cached = InverseDynamicsModel.TryLoad(folder);
        var accuracyFile = Path.Combine(folder, "real-accuracy.txt");
        if (cached is not null && File.Exists(accuracyFile))
            return (cached, double.Parse(File.ReadAllText(accuracyFile), System.Globalization.CultureInfo.InvariantCulture), folder, true);
        cached?.Dispose();

        var pairs = TransitionCollector.Collect(envs, options.Pairs, options.EpisodeLength, options.Seed,
                                                n => progress?.Invoke("collect", n, options.Pairs));
        var held = pairs.Count / 5;
        var train = pairs.Take(pairs.Count - held).ToArray();
        var test = pairs.Skip(pairs.Count - held).ToArray();
        var totalBatches = options.Epochs * (int)Math.Ceiling(train.Length / (double)options.BatchSize);
        var model = InverseDynamicsModel.Train(envs[0].Spec.Observation, TransitionCollector.Discrete(envs[0]).Count, train, options,
                                               onBatch: b => progress?.Invoke("train", b, totalBatches),
                                               actionNames: TransitionCollector.Discrete(envs[0]).Names);
        var accuracy = model.Accuracy(test);
        model.Save(folder, new Dictionary<string, object> { ["env"] = envs[0].Name, ["worlds"] = worlds, ["options"] = options.ToString() });
        AtomicFile.WriteAllText(accuracyFile, accuracy.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        return (model, accuracy, folder, false);
    }
}
