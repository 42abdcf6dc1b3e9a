using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;

namespace Orrery.Evaluation.Rollouts;

/// <summary>
/// Next-frame predictions from real observations only, through the simulator contract: for each frame t >= 1, Begin
/// from the real observations max(0, t-K)..t-1 and Step once with the recorded action of frame t. All positions are
/// stepped together in one batched Step call.
/// </summary>
public static class TeacherForcing
{
    /// <summary>result[i] predicts observations[observations.Count - result.Count + i]; <paramref name="context"/> is K.</summary>
    public static IReadOnlyList<Observation> Predict(ISimulator simulator, int context, IReadOnlyList<Observation> observations,
                                                     IReadOnlyList<ActionVector> actions, long seed = 0)
    {
        if (context < 1) throw new ArgumentOutOfRangeException(nameof(context), "teacher forcing needs at least one context frame");
        var states = new List<SimulatorState>(observations.Count);
        try
        {
            for (var t = 1; t < observations.Count; t++)
            {
                var first = Math.Max(0, t - context);
                // The oldest context frame's cause lies outside the window, so it is unknown, as SimulatorStart requires.
                var contextActions = actions.Skip(first).Take(t - first).Select((a, i) => i == 0 ? ActionVector.Unknown : a).ToArray();
                states.Add(simulator.Begin(new SimulatorStart(observations.Skip(first).Take(t - first).ToArray(), contextActions, seed + t)));
            }
            return simulator.Step(states, actions.Skip(1).Take(states.Count).ToArray());
        }
        finally
        {
            foreach (var s in states) s.Dispose();
        }
    }
}
