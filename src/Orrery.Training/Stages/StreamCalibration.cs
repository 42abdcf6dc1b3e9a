using Orrery.Data.LeRobot;
using Orrery.Model;

namespace Orrery.Training.Stages;

/// <summary>
/// Sets each stream head's standard units from the training data: per field, the mean and standard deviation over
/// every recorded frame (the same statistics a LeRobot export writes to meta/stats.json). Done once when a run starts
/// with heads that have none (fresh, or fine-tuned from a checkpoint that predates them); a resumed run and a
/// fine-tune of a calibrated model keep theirs. The memory's key head also gets the spread of a key's change from one
/// frame to the next, the unit it predicts in.
/// </summary>
public static class StreamCalibration
{
    public static void Fit(WorldModelNetwork network, TrainingCorpus corpus, bool streams, bool memory)
    {
        if (streams)
            foreach (var (name, head) in network.StreamHeads)
            {
                var values = Stats(corpus, name, change: false);
                head.Calibrate(Floats(values.Mean), Floats(values.Std));
            }
        if (memory && network.MemoryKeyHead is { } keyHead)
        {
            var name = network.Config.Dynamics.MemoryStream!;
            var values = Stats(corpus, name, change: false);
            keyHead.Calibrate(Floats(values.Mean), Floats(values.Std), Floats(Stats(corpus, name, change: true).Std));
        }
    }

    /// <summary>Per-field statistics of a stream's recorded rows, or of the change between consecutive rows of an episode.</summary>
    private static FeatureStats Stats(TrainingCorpus corpus, string name, bool change)
    {
        var size = corpus.World.Stream(name)!.Size;
        var stats = FeatureStats.Vector(size);
        var row = new double[size];
        foreach (var episode in corpus.Episodes)
        {
            var values = episode.Stream(name);
            for (var start = change ? size : 0; start + size <= values.Length; start += size)
            {
                for (var i = 0; i < size; i++) row[i] = values[start + i] - (change ? values[start - size + i] : 0);
                stats.Add(row);
            }
        }
        return stats;
    }

    private static float[] Floats(IEnumerable<double> values) => [.. values.Select(v => (float)v)];
}
