using Orrery.Core.Environments;
using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Core.Streams;

namespace Orrery.Runtime.Sessions;

/// <summary>Turns a session's start into the simulator's start: a start image, or the context the source makes for the simulator's world.</summary>
public static class SessionContext
{
    public static SimulatorStart For(ISimulator simulator, SessionStart start, IContextSource source)
    {
        var world = simulator.World;
        if (start.StartImage is { } image)
        {
            if (image.Length != world.Observation.FrameBytes)
                throw new OrreryException($"startImage: expected {world.Observation} = {world.Observation.FrameBytes} bytes, got {image.Length}");
            return new SimulatorStart([new Observation(image, StreamValues.Empty)], [ActionVector.Unknown], start.Seed);
        }
        if (world.Environment.Length == 0)
            throw new OrreryException($"'{simulator.Name}' names no environment to take its first frames from (a version 1 checkpoint); start it from an image, or add \"environment\" to \"world\" in its manifest.json (docs/model.md)");
        return source.Context(world.Environment, world.Parameters, start.World, start.Seed, Math.Max(1, simulator.ContextFrames));
    }
}
