using Orrery.Core.Errors;
using Orrery.Core.Spaces;
using Orrery.Data.Format;
using Orrery.Data.Sampling;

namespace Orrery.Training;

/// <summary>Episodes held in memory for training: one observation spec and one action list across all of them.</summary>
public sealed class TrainingCorpus
{
    public TrainingCorpus(WorldSpec world, IReadOnlyList<Episode> episodes, IReadOnlyList<string> fingerprints)
    {
        World = world;
        Episodes = episodes;
        Fingerprints = fingerprints;
        foreach (var e in episodes)
        {
            if (e.Frames.Length != (long)e.Length * Spec.FrameBytes)
                throw new OrreryException($"episode {e.Index}: {e.Frames.Length} frame bytes for {e.Length} actions of {Spec} frames");
            foreach (var a in e.Actions)
                if (world.Actions is { } space) space.Validate(a, allowUnknown: true);
                else if (!a.IsUnknown) throw new OrreryException($"episode {e.Index}: action {a} in action-free data");
        }
    }

    /// <summary>The world of the data (frames, actions, streams), as the checkpoint will name it.</summary>
    public WorldSpec World { get; }

    public ObservationSpec Spec => World.Observation;

    public IReadOnlyList<string> ActionNames => World.Actions?.Names ?? [];

    public IReadOnlyList<Episode> Episodes { get; }

    public IReadOnlyList<string> Fingerprints { get; }

    public long FrameCount => Episodes.Sum(e => (long)e.Length);

    /// <summary>Every window of `length` frames in these episodes, for sampling.</summary>
    public WindowSampler Windows(int length) => new(Episodes.Select(e => e.Length).ToArray(), length);

    /// <summary>Reads every episode of one or more dataset folders; they must agree on frame shape and action names.</summary>
    public static TrainingCorpus FromDatasets(IReadOnlyList<string> dirs)
    {
        if (dirs.Count == 0) throw new OrreryException("no dataset given; pass --data DIR");
        WorldSpec? world = null;
        var episodes = new List<Episode>();
        var prints = new List<string>();
        foreach (var dir in dirs)
        {
            using var ds = Dataset.Open(dir);
            if (world is not null && ds.Spec != world.Observation) throw new OrreryException($"{dir}: frames are {ds.Spec}, but {dirs[0]} has {world.Observation}");
            if (world is not null && !Equals(ds.ActionSpace, world.Actions))
                throw new OrreryException($"{dir}: actions [{string.Join(", ", ds.ActionNames)}] differ from {dirs[0]}'s [{string.Join(", ", world.Actions?.Names ?? [])}]");
            if (world is not null && !ds.Manifest.Streams.SequenceEqual(world.Streams))
                throw new OrreryException($"{dir}: streams [{string.Join(", ", ds.Manifest.Streams.Select(s => s.Name))}] differ from {dirs[0]}'s [{string.Join(", ", world.Streams.Select(s => s.Name))}]");
            world ??= ds.Manifest.World;
            prints.Add(ds.Fingerprint);
            for (var i = 0; i < ds.EpisodeCount; i++) episodes.Add(ds.ReadEpisode(i) with { Index = episodes.Count });
        }
        if (episodes.Count == 0) throw new OrreryException($"{string.Join(", ", dirs)}: no episodes");
        return new TrainingCorpus(world!, episodes, prints);
    }

    /// <summary>Splits off the last n episodes for validation (none when that would leave nothing to train on).</summary>
    public (TrainingCorpus Train, TrainingCorpus? Validation) HoldOut(int n)
    {
        if (n <= 0 || Episodes.Count <= n) return (this, null);
        return (new TrainingCorpus(World, Episodes.Take(Episodes.Count - n).ToArray(), Fingerprints),
                new TrainingCorpus(World, Episodes.Skip(Episodes.Count - n).ToArray(), Fingerprints));
    }
}
