using System.Text.Json.Nodes;

namespace Orrery.Data.LeRobot;

/// <summary>
/// Running min, max, mean, std (population, as numpy's default) and count of one feature, per element, for
/// meta/stats.json. Images are summarised per colour channel in [0, 1], shaped (3, 1, 1) as LeRobot writes them.
/// </summary>
public sealed class FeatureStats
{
    private readonly double[] min, max, sum, sumSquares;
    private readonly bool image;
    private long rows, samples;

    private FeatureStats(int width, bool image)
    {
        min = Enumerable.Repeat(double.PositiveInfinity, width).ToArray();
        max = Enumerable.Repeat(double.NegativeInfinity, width).ToArray();
        sum = new double[width];
        sumSquares = new double[width];
        this.image = image;
    }

    public static FeatureStats Vector(int width) => new(width, image: false);

    /// <summary>Statistics of RGB frames, per channel.</summary>
    public static FeatureStats Rgb() => new(3, image: true);

    /// <summary>One row of the feature: width values.</summary>
    public void Add(ReadOnlySpan<double> row)
    {
        for (var i = 0; i < row.Length; i++) Accumulate(i, row[i]);
        rows++;
        samples++;
    }

    /// <summary>One RGB frame, (H, W, 3) bytes, scaled to [0, 1].</summary>
    public void AddFrame(ReadOnlySpan<byte> rgb)
    {
        for (var p = 0; p < rgb.Length; p++) Accumulate(p % 3, rgb[p] / 255.0);
        rows++;
        samples += rgb.Length / 3;
    }

    private void Accumulate(int i, double v)
    {
        min[i] = Math.Min(min[i], v);
        max[i] = Math.Max(max[i], v);
        sum[i] += v;
        sumSquares[i] += v * v;
    }

    /// <summary>Mean of each element over the samples so far.</summary>
    public double[] Mean => sum.Select(s => s / Math.Max(samples, 1)).ToArray();

    /// <summary>Population standard deviation of each element over the samples so far.</summary>
    public double[] Std
    {
        get
        {
            var mean = Mean;
            return sumSquares.Select((s, i) => Math.Sqrt(Math.Max(0, s / Math.Max(samples, 1) - mean[i] * mean[i]))).ToArray();
        }
    }

    /// <summary>{"min", "max", "mean", "std", "count"}; count is the number of rows (frames for an image).</summary>
    public JsonObject ToJson() => new()
    {
        ["min"] = Values(min),
        ["max"] = Values(max),
        ["mean"] = Values(Mean),
        ["std"] = Values(Std),
        ["count"] = new JsonArray(rows),
    };

    private JsonArray Values(double[] values) =>
        image
            ? new JsonArray([.. values.Select(v => (JsonNode)new JsonArray(new JsonArray(v)))])   // (3, 1, 1)
            : new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
