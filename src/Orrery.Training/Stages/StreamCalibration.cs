using Orrery.Data.LeRobot;
using Orrery.Model;

namespace Orrery.Training.Stages;

/// <summary>
/// Sets each stream head's standard units from the training data: per field, the mean and standard deviation over
/// every recorded frame (the same statistics a LeRobot export writes to meta/stats.json). Done once when a run starts
/// with heads that have none (fresh, or fine-tuned from a checkpoint that predates them); a resumed run and a
/// fine-tune of a calibrated model keep theirs.
/// </summary>
public static class StreamCalibration
{
    public static void Fit(WorldModelNetwork network, TrainingCorpus corpus)
    {
        foreach (var (name, head) in network.StreamHeads)
        {
            var size = corpus.World.Stream(name)!.Size;
            var stats = FeatureStats.Vector(size);
            var row = new double[size];
            foreach (var episode in corpus.Episodes)
            {
                var values = episode.Stream(name);
                for (var start = 0; start + size <= values.Length; start += size)
                {
                    for (var i = 0; i < size; i++) row[i] = values[start + i];
                    stats.Add(row);
                }
            }
            head.Calibrate([.. stats.Mean.Select(m => (float)m)], [.. stats.Std.Select(s => (float)s)]);
        }
    }
}
