using Orrery.Core.Spaces;

namespace Orrery.Runtime.Backends;

/// <summary>
/// What a session runs on: the ground-truth environment or a learned world model. Every call for one backend
/// is made on ONE thread (the engine's), so implementations need no locks and TorchSharp scopes stay on that thread.
/// </summary>
public interface IWorldBackend : IDisposable
{
    /// <summary>Name the server lists and a snapshot names: "truth" or the model folder's name.</summary>
    string Name { get; }

    /// <summary>Identity for provenance and replay: the weights' SHA-256 for a model, a fixed tag for an environment.</summary>
    string IdentityHash { get; }

    ObservationSpec Spec { get; }

    /// <summary>Action names by index; index 0 is the null action (noop).</summary>
    IReadOnlyList<string> ActionNames { get; }

    /// <summary>The frame clock the backend was made for (24 for the maze).</summary>
    int Fps { get; }

    /// <summary>Starts a rollout from a world and seed (or a start image); returns the state and the first frame shown.</summary>
    BackendStart Begin(SessionStart start);

    /// <summary>Advances every state by one frame under its action, in one batch; returns the new frames (HWC uint8).</summary>
    IReadOnlyList<byte[]> Step(IReadOnlyList<BackendState> states, IReadOnlyList<int> actions);

    /// <summary>An independent copy: stepping one never changes the other.</summary>
    BackendState Clone(BackendState state);

    void Save(BackendState state, Stream stream);

    BackendState Load(Stream stream);
}
