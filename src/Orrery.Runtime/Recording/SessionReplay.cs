using Orrery.Core.Errors;
using Orrery.Runtime.Backends;

namespace Orrery.Runtime.Recording;

/// <summary>
/// Offline replay: (backend identity, start, action log) -> the same frames, bit for bit, at batch 1.
/// Call it on the backend's thread (SessionEngine.Invoke).
/// </summary>
public static class SessionReplay
{
    /// <summary>The first frame followed by one frame per action.</summary>
    public static IReadOnlyList<byte[]> Frames(IWorldBackend backend, string identityHash, SessionStart start, IReadOnlyList<int> actions)
    {
        if (backend.IdentityHash != identityHash)
            throw new OrreryException($"replay: the log was made by backend {identityHash[..Math.Min(12, identityHash.Length)]}, but '{backend.Name}' is {backend.IdentityHash[..12]}");
        var begun = backend.Begin(start);
        using var state = begun.State;
        var frames = new List<byte[]>(actions.Count + 1) { begun.FirstFrame };
        foreach (var a in actions) frames.Add(backend.Step([state], [a])[0]);
        return frames;
    }
}
