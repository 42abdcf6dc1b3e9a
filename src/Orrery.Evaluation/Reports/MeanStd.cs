namespace Orrery.Evaluation.Reports;

/// <summary>Mean and population standard deviation of a set of scores.</summary>
public sealed record MeanStd(double Mean, double Std, int Count)
{
    public static MeanStd Of(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length == 0) return new MeanStd(double.NaN, double.NaN, 0);
        var mean = v.Average();
        return new MeanStd(mean, Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length), v.Length);
    }
}
