using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Data.Format;
using Orrery.Data.Sampling;

namespace Orrery.Training;

/// <summary>Episodes held in memory for training: one observation spec and one action list across all of them.</summary>
public sealed class TrainingCorpus
{
    public TrainingCorpus(ObservationSpec spec, IReadOnlyList<string> actionNames, IReadOnlyList<Episode> episodes, IReadOnlyList<string> fingerprints)
    {
        Spec = spec;
        ActionNames = actionNames;
        Episodes = episodes;
        Fingerprints = fingerprints;
        foreach (var e in episodes)
        {
            if (e.Frames.Length != (long)e.Length * spec.FrameBytes)
                throw new OrreryException($"episode {e.Index}: {e.Frames.Length} frame bytes for {e.Length} actions of {spec} frames");
            foreach (var a in e.Actions)
                if (a < -1 || a >= actionNames.Count)
                    throw new OrreryException($"episode {e.Index}: action {a} outside -1..{actionNames.Count - 1}");
        }
    }

    public ObservationSpec Spec { get; }

    public IReadOnlyList<string> ActionNames { get; }

    public IReadOnlyList<Episode> Episodes { get; }

    public IReadOnlyList<string> Fingerprints { get; }

    public long FrameCount => Episodes.Sum(e => (long)e.Length);

    /// <summary>Every window of `length` frames in these episodes, for sampling.</summary>
    public WindowSampler Windows(int length) => new(Episodes.Select(e => e.Length).ToArray(), length);

    /// <summary>Reads every episode of one or more dataset folders; they must agree on frame shape and action names.</summary>
    public static TrainingCorpus FromDatasets(IReadOnlyList<string> dirs)
    {
        if (dirs.Count == 0) throw new OrreryException("no dataset given; pass --data DIR");
        ObservationSpec? spec = null;
        IReadOnlyList<string>? names = null;
        var episodes = new List<Episode>();
        var prints = new List<string>();
        foreach (var dir in dirs)
        {
            using var ds = Dataset.Open(dir);
            if (spec is not null && ds.Spec != spec) throw new OrreryException($"{dir}: frames are {ds.Spec}, but {dirs[0]} has {spec}");
            if (names is not null && !names.SequenceEqual(ds.ActionNames))
                throw new OrreryException($"{dir}: actions [{string.Join(", ", ds.ActionNames)}] differ from {dirs[0]}'s [{string.Join(", ", names)}]");
            spec ??= ds.Spec;
            names ??= ds.ActionNames;
            prints.Add(ds.Fingerprint);
            for (var i = 0; i < ds.EpisodeCount; i++) episodes.Add(ds.ReadEpisode(i) with { Index = episodes.Count });
        }
        if (episodes.Count == 0) throw new OrreryException($"{string.Join(", ", dirs)}: no episodes");
        return new TrainingCorpus(spec!, names!, episodes, prints);
    }

    /// <summary>Splits off the last n episodes for validation (none when that would leave nothing to train on).</summary>
    public (TrainingCorpus Train, TrainingCorpus? Validation) HoldOut(int n)
    {
        if (n <= 0 || Episodes.Count <= n) return (this, null);
        return (new TrainingCorpus(Spec, ActionNames, Episodes.Take(Episodes.Count - n).ToArray(), Fingerprints),
                new TrainingCorpus(Spec, ActionNames, Episodes.Skip(Episodes.Count - n).ToArray(), Fingerprints));
    }
}
