using Orrery.Core.Spaces;
using Orrery.Core.Streams;
using Orrery.Environments;
using Orrery.Runtime.Sessions;

namespace Orrery.Server.Api;

/// <summary>
/// What the API says about a session: enough for a client to open its stream and send actions (Actions: the names of
/// the discrete actions or of the box's dimensions; Clock: "realtime" or "lockstep"; Pointer: how a pointer on the frame
/// sets a box action, null where there is none).
/// </summary>
public sealed record SessionInfo(
    string Id,
    string Model,
    string ModelHash,
    int World,
    int Seed,
    int Fps,
    IReadOnlyList<string> Actions,
    ActionSpace ActionSpace,
    IReadOnlyList<StreamSpec> Streams,
    int Width,
    int Height,
    int Channels,
    long FrameIndex,
    long SkippedTicks,
    int Clients,
    string Stream,
    string Clock,
    PointerControl? Pointer)
{
    public static SessionInfo Of(Session s) =>
        new(s.Id, s.Simulator.Name, s.Simulator.IdentityHash, s.Start.World, s.Start.Seed, s.Fps, s.Actions.Names, s.Actions,
            s.Simulator.World.Streams, s.Simulator.World.Observation.Width, s.Simulator.World.Observation.Height,
            s.Simulator.World.Observation.Channels, s.FrameIndex, s.SkippedTicks, s.Clients, $"/api/sessions/{s.Id}/stream",
            s.IsLockstep ? "lockstep" : "realtime", PointerOf(s.Simulator.World));

    /// <summary>How the browser's pointer drives this world's box action: its environment's, whether truth or model.</summary>
    private static PointerControl? PointerOf(WorldSpec world) =>
        world.Actions is BoxActionSpace && EnvironmentRegistry.All.FirstOrDefault(e => e.Name == world.Environment) is { } env ? env.Pointer : null;

    /// <summary>
    /// The session as it began. A new session is live at once: by the time the response is written the inference
    /// thread may have stepped it, and a restore must still report the snapshot's frame.
    /// </summary>
    public static SessionInfo AsCreated(Session s) => Of(s) with { FrameIndex = s.StartFrameIndex };
}
