using Orrery.Core.Errors;
using Orrery.Core.Simulation;
using Orrery.Core.Spaces;
using Orrery.Runtime.Sessions;

namespace Orrery.Runtime.Recording;

/// <summary>
/// Offline replay: (simulator identity, start, action log) -> the same frames, bit for bit, at batch 1.
/// Call it on the simulator's thread (SessionEngine.Invoke).
/// </summary>
public static class SessionReplay
{
    /// <summary>The first frame followed by one frame per action.</summary>
    public static IReadOnlyList<byte[]> Frames(ISimulator simulator, string identityHash, SessionStart start, IReadOnlyList<ActionVector> actions, IContextSource contexts)
    {
        if (simulator.IdentityHash != identityHash)
            throw new OrreryException($"replay: the log was made by {identityHash[..Math.Min(12, identityHash.Length)]}, but '{simulator.Name}' is {simulator.IdentityHash[..Math.Min(12, simulator.IdentityHash.Length)]}");
        var context = SessionContext.For(simulator, start, contexts);
        using var state = simulator.Begin(context);
        var frames = new List<byte[]>(actions.Count + 1) { context.Context[^1].Frame };
        foreach (var a in actions) frames.Add(simulator.Step([state], [a])[0].Frame);
        return frames;
    }
}
