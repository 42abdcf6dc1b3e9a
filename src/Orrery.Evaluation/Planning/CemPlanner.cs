using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Evaluation.Planning;

/// <summary>
/// Model-predictive control by the cross-entropy method over any simulator (a world model, or the ground truth for
/// the upper bound): every candidate sequence is a fork of the current state, all candidates step in one batch, and
/// each is scored by the reward stream the simulator answers with. One planner plans one episode: its mean carries over
/// from decision to decision, shifted by one step (warm start). Deterministic for a given seed.
/// </summary>
public sealed class CemPlanner
{
    private readonly ISimulator simulator;
    private readonly PlanOptions options;
    private readonly BoxActionSpace space;
    private readonly Random random;
    private readonly float[][] mean;                   // (Horizon, A)

    /// <summary>A planner of one episode in <paramref name="simulator"/>, which must take box actions and answer a reward stream.</summary>
    public CemPlanner(ISimulator simulator, PlanOptions options, int seed)
    {
        this.simulator = simulator;
        this.options = options.Validated();
        space = simulator.World.Actions as BoxActionSpace
            ?? throw new OrreryException($"{simulator.Name}: planning samples continuous actions; this simulator takes {(simulator.World.Actions is null ? "none" : "discrete ones")}");
        if (!simulator.World.Streams.Any(s => s.Name == StreamNames.Reward))
            throw new OrreryException($"{simulator.Name}: predicts no '{StreamNames.Reward}' stream; the planner scores candidates by it");
        random = new Random(seed);
        mean = Enumerable.Range(0, options.Horizon).Select(_ => space.Noop.Values.ToArray()).ToArray();
    }

    /// <summary>The action to hold for the next <see cref="PlanOptions.ActionRepeat"/> frames from <paramref name="root"/> (left unchanged).</summary>
    public ActionVector Next(SimulatorState root)
    {
        var spread = mean.Select(_ => HalfRanges().Select(h => (float)(h * options.InitialSpread)).ToArray()).ToArray();
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            var candidates = Sample(spread);
            var returns = Score(root, candidates);
            var elites = Enumerable.Range(0, candidates.Length).OrderByDescending(i => returns[i]).Take(options.Elites).Select(i => candidates[i]).ToArray();
            Refit(elites, spread);
        }
        var first = space.FromValues(mean[0]);
        // warm start: the next decision begins from this plan, one step on, its last step repeated
        for (var h = 0; h + 1 < mean.Length; h++) mean[h] = mean[h + 1];
        mean[^1] = (float[])mean[^1].Clone();
        return first;
    }

    // candidate 0 is the mean itself, so a refit can never lose the best plan found so far
    private float[][][] Sample(float[][] spread) =>
        Enumerable.Range(0, options.Candidates).Select(c => mean.Select((m, h) => m.Select((v, d) =>
            Clamp(c == 0 ? v : v + spread[h][d] * Gaussian(), d)).ToArray()).ToArray()).ToArray();

    /// <summary>Summed reward of each candidate (Horizon x ActionRepeat frames), all rolled out together from forks of root.</summary>
    private double[] Score(SimulatorState root, float[][][] candidates)
    {
        var forks = candidates.Select(_ => simulator.Fork(root)).ToArray();
        try
        {
            var returns = new double[candidates.Length];
            for (var h = 0; h < options.Horizon; h++)
            {
                var actions = candidates.Select(c => space.FromValues(c[h])).ToArray();
                for (var r = 0; r < options.ActionRepeat; r++)
                {
                    var observations = simulator.Step(forks, actions);
                    for (var i = 0; i < returns.Length; i++) returns[i] += observations[i].Streams[StreamNames.Reward][0];
                }
            }
            return returns;
        }
        finally
        {
            foreach (var fork in forks) fork.Dispose();
        }
    }

    private void Refit(float[][][] elites, float[][] spread)
    {
        var floor = HalfRanges().Select(h => (float)(h * options.MinSpread)).ToArray();
        for (var h = 0; h < mean.Length; h++)
            for (var d = 0; d < space.Dimensions; d++)
            {
                var m = elites.Average(e => e[h][d]);
                var variance = elites.Average(e => (e[h][d] - m) * (e[h][d] - m));
                mean[h][d] = m;
                spread[h][d] = Math.Max(MathF.Sqrt(variance), floor[d]);
            }
    }

    private IEnumerable<float> HalfRanges() => Enumerable.Range(0, space.Dimensions).Select(d => (space.High[d] - space.Low[d]) / 2);

    private float Clamp(float value, int dimension) => Math.Clamp(value, space.Low[dimension], space.High[dimension]);

    // Box-Muller: System.Random has no normal draw
    private float Gaussian() => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
