using Orrery.Model.Configs;

namespace Orrery.Training.Planning;

/// <summary>
/// How many steps each stage runs, one after the other. A count is null while a time budget has not yet been turned
/// into steps (see <see cref="BudgetCalibration"/>); a stage's count is known by the time the next stage starts.
/// </summary>
public sealed record StepPlan(long? Tokenizer, long? Dynamics, long Decoder)
{
    /// <summary>
    /// A new run's plan: --steps split by train.tokenizerTimeShare, else a --minutes budget (counts found by
    /// calibration), else the config's step counts. Stage 3 always runs train.decoderSteps.
    /// </summary>
    public static StepPlan For(TrainConfig tc, long? totalSteps, TimeSpan? budget)
    {
        if (totalSteps is { } total)
        {
            var tokenizer = tc.TokenizerTimeShare == 0 ? 0 : Math.Max(1, (long)Math.Round(total * tc.TokenizerTimeShare));
            return new StepPlan(tokenizer, Math.Max(1, total - tokenizer), tc.DecoderSteps);
        }
        if (budget is not null) return new StepPlan(tc.TokenizerTimeShare == 0 ? 0 : null, null, tc.DecoderSteps);
        return new StepPlan(tc.TokenizerSteps, tc.DynamicsSteps, tc.DecoderSteps);
    }

    /// <summary>Steps of stage 1, 2 or 3; null while still being calibrated.</summary>
    public long? Count(int stage) => stage switch
    {
        1 => Tokenizer,
        2 => Dynamics,
        3 => Decoder,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "stages are 1, 2 and 3"),
    };

    /// <summary>The same plan with one stage's count set.</summary>
    public StepPlan With(int stage, long? count) => stage switch
    {
        1 => this with { Tokenizer = count },
        2 => this with { Dynamics = count },
        3 => this with { Decoder = count ?? throw new ArgumentNullException(nameof(count), "stage 3 always has a count") },
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "stages are 1, 2 and 3"),
    };

    /// <summary>The global step a stage starts at; null while an earlier stage's count is unknown.</summary>
    public long? Start(int stage)
    {
        long start = 0;
        for (var s = 1; s < stage; s++)
        {
            if (Count(s) is not { } n) return null;
            start += n;
        }
        return start;
    }

    /// <summary>The global step a stage ends at; null while its count is unknown.</summary>
    public long? End(int stage) => Start(stage) + Count(stage);

    /// <summary>Steps of a stage done when the run is at `step`.</summary>
    public long Done(int stage, long step) =>
        Start(stage) is { } start ? Math.Clamp(step - start, 0, Count(stage) ?? long.MaxValue) : 0;
}
