using Orrery.Core.Errors;

namespace Orrery.Evaluation.Planning;

/// <summary>
/// Settings of the cross-entropy-method planner (PlaNet, Hafner et al. 2019, sec. 4): each decision samples
/// <see cref="Candidates"/> action sequences of <see cref="Horizon"/> steps around a mean, rolls them out in one batch,
/// keeps the <see cref="Elites"/> with the highest summed reward, refits mean and spread to them, and repeats
/// <see cref="Iterations"/> times. The defaults are sized for under a second a decision on 2 cores.
/// </summary>
public sealed record PlanOptions
{
    /// <summary>Action sequences rolled out per iteration (64), all in one batch.</summary>
    public int Candidates { get; init; } = 64;

    /// <summary>Best sequences the next mean and spread are fitted to (8).</summary>
    public int Elites { get; init; } = 8;

    /// <summary>Refits per decision (3).</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Steps of each candidate sequence (8); each step holds its action for <see cref="ActionRepeat"/> frames.</summary>
    public int Horizon { get; init; } = 8;

    /// <summary>Frames an action is held, in the rollouts and in the true simulator (2): the planner decides every this many frames.</summary>
    public int ActionRepeat { get; init; } = 2;

    /// <summary>Spread of the first sampling, as a fraction of each action dimension's half range (0.5).</summary>
    public double InitialSpread { get; init; } = 0.5;

    /// <summary>Smallest spread a refit may shrink to, same unit (0.05), so the search never stops exploring.</summary>
    public double MinSpread { get; init; } = 0.05;

    /// <summary>Frames each step of a candidate covers: Horizon x ActionRepeat.</summary>
    public int LookaheadFrames => Horizon * ActionRepeat;

    /// <summary>Refuses settings the planner cannot run with, one line naming the setting.</summary>
    public PlanOptions Validated()
    {
        Require(Candidates >= 2, $"candidates {Candidates}: expected at least 2");
        Require(Elites >= 1 && Elites <= Candidates, $"elites {Elites}: expected 1 to candidates ({Candidates})");
        Require(Iterations >= 1, $"iterations {Iterations}: expected at least 1");
        Require(Horizon >= 1, $"horizon {Horizon}: expected at least 1");
        Require(ActionRepeat >= 1, $"action repeat {ActionRepeat}: expected at least 1");
        Require(InitialSpread > 0 && double.IsFinite(InitialSpread), $"initial spread {InitialSpread}: expected a positive number");
        Require(MinSpread >= 0 && MinSpread <= InitialSpread, $"min spread {MinSpread}: expected 0 to the initial spread ({InitialSpread})");
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new OrreryException($"plan {message}");
    }
}
