using Orrery.Core.Environments;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Model.Tests;

/// <summary>Short forms for tests: frames and action indices in, frames out, through the simulator contract.</summary>
public static class SimulatorTestExtensions
{
    /// <summary>Discrete action indices (-1 = unknown) as actions.</summary>
    public static ActionVector[] Acts(params int[] indices) =>
        indices.Select(i => i < 0 ? ActionVector.Unknown : ActionVector.Discrete(i)).ToArray();

    public static SimulatorState Begin(this ISimulator simulator, IReadOnlyList<byte[]> frames, IReadOnlyList<ActionVector> actions, long seed) =>
        simulator.Begin(new SimulatorStart(frames.Select(f => new Observation(f, StreamValues.Empty)).ToArray(), actions, seed));

    public static byte[][] StepFrames(this ISimulator simulator, IReadOnlyList<SimulatorState> states, params int[] actions) =>
        simulator.Step(states, Acts(actions)).Select(o => o.Frame).ToArray();
}
