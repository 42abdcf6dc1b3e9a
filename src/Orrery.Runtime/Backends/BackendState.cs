namespace Orrery.Runtime.Backends;

/// <summary>One rollout's state inside a backend (environment or model cache); owned by exactly one session.</summary>
public abstract class BackendState : IDisposable
{
    /// <summary>Frames generated since Begin (0 for the first frame).</summary>
    public abstract long FrameIndex { get; }

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
