using Orrery.Model;

namespace Orrery.Training.Stages;

/// <summary>
/// Sets each stream head's standard units from the training data: per field, the mean and standard deviation over
/// every recorded frame. Done once when a run starts with heads that have none (fresh, or fine-tuned from a checkpoint
/// that predates them); a resumed run and a fine-tune of a calibrated model keep theirs.
/// </summary>
public static class StreamCalibration
{
    public static void Fit(WorldModelNetwork network, TrainingCorpus corpus)
    {
        foreach (var (name, head) in network.StreamHeads)
        {
            var (mean, std) = Moments(corpus, name, corpus.World.Stream(name)!.Size);
            head.Calibrate(mean, std);
        }
    }

    private static (float[] Mean, float[] Std) Moments(TrainingCorpus corpus, string name, int size)
    {
        var sum = new double[size];
        var squares = new double[size];
        long rows = 0;
        foreach (var episode in corpus.Episodes)
        {
            var values = episode.Stream(name);
            for (var i = 0; i < values.Length; i++)
            {
                sum[i % size] += values[i];
                squares[i % size] += (double)values[i] * values[i];
            }
            rows += values.Length / size;
        }
        var count = Math.Max(1, rows);
        var mean = sum.Select(s => s / count).ToArray();
        var std = squares.Select((q, i) => Math.Sqrt(Math.Max(0, q / count - mean[i] * mean[i]))).ToArray();
        return (mean.Select(m => (float)m).ToArray(), std.Select(s => (float)s).ToArray());
    }
}
