namespace Orrery.Training.Optimisation;

/// <summary>Linear warm-up, then cosine decay to a floor, as a pure function of the step.</summary>
public static class LearningRateSchedule
{
    public static double At(long step, long total, double peak, int warmup, double minFraction)
    {
        if (warmup > 0 && step < warmup) return peak * (step + 1) / warmup;
        var span = Math.Max(1, total - warmup);
        var progress = Math.Clamp((double)(step - warmup) / span, 0, 1);
        return peak * (minFraction + (1 - minFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
